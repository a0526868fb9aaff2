//! weerstand: from a YAML risk register to the paragraaf weerstandsvermogen en risicobeheersing of
//! a Dutch public body.
//!
//! Data flows one way: the register file is parsed ([`yaml`]) and validated into a [`model`]
//! ([`register`]); the engine ([`sim`]) turns it into typed [`results`]; one presentation model
//! ([`vocabulary`] names every figure, [`tables`] builds every table) is formatted by the terminal
//! ([`summary`]), the paragraph ([`report`]), [`compare`] and the exports. The library has no semantic
//! version guarantees: the command-line tool is the product.

pub mod afrekening;
pub mod app;
pub mod backtest;
pub mod chart;
pub mod cli;
pub mod commands;
pub mod compare;
pub mod date;
pub mod describe;
pub mod diagnostic;
pub mod diff;
pub mod error;
pub mod export;
pub mod format;
pub mod grade;
pub mod help;
pub mod inputs;
pub mod lang;
pub mod matrix;
pub mod model;
pub mod output;
pub mod printable;
pub mod problem;
pub mod register;
pub mod report;
pub mod results;
pub mod scenario;
pub mod sensitivity;
pub mod serve;
pub mod sim;
pub mod source;
pub mod stats;
pub mod summary;
pub mod sweep;
pub mod table;
pub mod tables;
pub mod vocabulary;
pub mod whatif;
pub mod workbook;
pub mod yaml;

pub use lang::Lang;
