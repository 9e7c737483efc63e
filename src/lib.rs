//! pathfit: a career-guidance quiz engine. Data flows one way: input files
//! ([`input`]) become a checked bank ([`bank`]), written answers become an
//! [`answers::AnswerSet`], the quiz asks for them ([`quiz`]), the [`engine`]
//! scores and explains them, and [`report`] shows the result ([`explore`]
//! in a terminal after the quiz, a section at a time). [`cli`] only
//! wires these together.

pub mod analyze;
pub mod answers;
pub mod bank;
pub mod batch;
pub mod cli;
pub mod diag;
pub mod engine;
pub mod error;
pub mod exit;
pub mod explore;
pub mod folders;
pub mod history;
pub mod input;
pub mod invocation;
pub mod quiz;
pub mod report;
pub mod visible;
pub mod wrap;

pub use error::Error;
