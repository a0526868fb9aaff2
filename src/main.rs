//! The `weerstand` command: parse the arguments (in the reader's language), run, exit with the code
//! `app::run` returns.

fn main() {
    match weerstand::help::parse(std::env::args_os().collect()) {
        Ok(cli) => std::process::exit(weerstand::app::run(&cli)),
        Err((text, code, to_stdout)) => {
            if to_stdout {
                print!("{text}");
            } else {
                eprint!("{text}");
            }
            std::process::exit(code);
        }
    }
}
