//! Quizzes written for other tools, turned into kurssi's Markdown quiz
//! syntax. A converter produces Markdown text, not the quiz model, so an
//! imported quiz goes through the same parser, checks and rendering as one
//! written by hand, and `kurssi convert` can print it for the author to
//! keep.

pub mod mdbook_quiz;
