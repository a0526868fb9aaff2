//! The one error a command returns, and the exit code it means. Commands build the message where
//! the failure is understood, in the user's language; `app` is the one place that prints it and
//! picks the exit code.

/// Exit code: done, the register is valid.
pub const EXIT_OK: i32 = 0;
/// Exit code: the register, a scenario, a `--set` or a template is invalid.
pub const EXIT_INVALID: i32 = 1;
/// Exit code: usage error, a file that cannot be read or written, or a run that would not fit.
pub const EXIT_USAGE: i32 = 2;

/// Why a command stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The input is invalid: every problem, rendered (exit 1).
    Invalid(String),
    /// A usage error or a file that cannot be read or written (exit 2).
    Usage(String),
    /// The reader went away (`weerstand list … | head`): nothing to say, exit 0.
    Quiet,
}

impl Error {
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Invalid(_) => EXIT_INVALID,
            Error::Usage(_) => EXIT_USAGE,
            Error::Quiet => EXIT_OK,
        }
    }

    /// What goes to stderr, if anything.
    pub fn message(&self) -> Option<&str> {
        match self {
            Error::Invalid(m) | Error::Usage(m) => Some(m.trim_end()),
            Error::Quiet => None,
        }
    }
}

/// What a command returns.
pub type Outcome<T = ()> = Result<T, Error>;
