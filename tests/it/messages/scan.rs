//! Finds every message kurssi's code can print, by reading `src/` with
//! `syn`: the message argument of each `Diagnostic` constructor, of the
//! reporting helpers that wrap them ([`HELPERS`], and closures such as
//! `let err = |msg| Diagnostic::error(.., msg)`), the `message` field of a
//! struct kept to be reported later (`Problem { message, .. }`), and the
//! `error: ...` / `warning: ...` lines printed straight to stderr. A message
//! is found as the string literals (or `format!` strings) it is built from,
//! exactly as written in the code; the catalogue
//! (`src/diagnostics/catalogue.rs`) claims each of them.
//!
//! A message held in a variable is followed to where it is bound: `let m =
//! if .. { "a" } else { "b" }` (every branch and match arm), an element of
//! `let (message, note) = why.describe()` (what that function returns), or
//! `Err(message)` matched on a call (every `Err(..)`, `.map_err(..)` and
//! `.ok_or_else(..)` of the function called, and of the functions it
//! returns the result of). What it cannot follow is listed in
//! [`Found::unresolved`], for the test to name.
//!
//! Not followed: a warning handed back inside an `Ok` (include's line range
//! past the end of a file) and messages gathered into a `Vec` first (serve's
//! watch warnings); their entries are checked the other way only (their
//! literal is still in the code).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::{Expr, Pat, Stmt, Token};

/// The `Diagnostic` constructors; the message is their last argument.
const CONSTRUCTORS: [&str; 5] = ["error", "warning", "path_error", "path_warning", "new"];

/// Methods of kurssi's own reporting helpers (a quiz's `cx.error(at,
/// message, note)`, include's `self.error(at, message)`, ...); the message
/// is their second argument. A helper that passes a message parameter on
/// to a `Diagnostic` constructor must be named here, or the scan fails.
const HELPERS: [&str; 4] = ["error", "warning", "warn", "problem"];

/// Where a message is built in the code.
#[derive(Debug, Clone)]
pub struct Site {
    /// `src/...rs:LINE`.
    pub at: String,
    /// Whether it is an error (a `warning` constructor or `warning: ` line is not).
    pub error: Option<bool>,
    /// Whether a note (what to do) is added to the diagnostic, at least
    /// sometimes; `None` for a line printed straight to stderr.
    pub noted: Option<bool>,
}

/// What the scan found.
#[derive(Debug, Default)]
pub struct Found {
    /// Every literal a message is built from, with where it is used.
    pub literals: BTreeMap<String, Vec<Site>>,
    /// Messages the scan cannot follow to a literal: `src/...rs: fn NAME: expr`.
    pub unresolved: Vec<String>,
    /// Functions that pass a parameter on to a `Diagnostic` constructor as
    /// its message and are not in [`HELPERS`]: their callers are not scanned.
    pub helpers: Vec<String>,
    /// Every string literal of the code outside tests.
    pub all: std::collections::BTreeSet<String>,
}

/// Scans every non-test Rust file under `src`.
pub fn scan(src: &Path) -> Found {
    let mut files = Vec::new();
    collect(src, &mut files);
    files.sort();
    let parsed: Vec<(String, syn::File)> = files
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).unwrap();
            let rel = p
                .strip_prefix(src.parent().unwrap())
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let file = syn::parse_file(&text).unwrap_or_else(|e| panic!("{rel}: {e}"));
            (rel, file)
        })
        .collect();
    // Every function of the code by name, to follow `let (m, n) = why.describe()`.
    let mut fns: BTreeMap<String, Vec<syn::Block>> = BTreeMap::new();
    for (_, file) in &parsed {
        let mut index = FnIndex(&mut fns);
        index.visit_file(file);
    }
    let mut found = Found::default();
    for (rel, file) in &parsed {
        let mut v = Scan {
            file: rel,
            fns: &fns,
            found: &mut found,
            stack: Vec::new(),
            closures: Default::default(),
            line: Default::default(),
            helpers: Default::default(),
            noted_at: Default::default(),
            noted_vars: Vec::new(),
            noted: None,
        };
        v.visit_file(file);
    }
    found
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let name = path.file_name().unwrap().to_string_lossy();
            // The diagnostics themselves and their catalogue are no messages.
            let diagnostics = path.ends_with("diagnostics.rs")
                || path.parent().is_some_and(|p| p.ends_with("diagnostics"));
            if diagnostics || is_test_file(&name) {
                continue;
            }
            out.push(path);
        }
    }
}

/// Whether a file of `src/` is test code by its name (`tests.rs`,
/// `*_tests.rs`, `testing.rs`).
pub fn is_test_file(name: &str) -> bool {
    name == "tests.rs" || name.ends_with("_tests.rs") || name == "testing.rs"
}

/// Whether the attributes make an item test code: `#[cfg(test)]` or `#[test]`.
pub fn is_test(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        (a.path().is_ident("cfg") || a.path().is_ident("test"))
            && a.meta
                .require_list()
                .map_or(a.path().is_ident("test"), |l| {
                    l.tokens.to_string() == "test"
                })
    })
}

struct FnIndex<'a>(&'a mut BTreeMap<String, Vec<syn::Block>>);

impl<'ast> Visit<'ast> for FnIndex<'_> {
    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        if !is_test(&m.attrs) {
            syn::visit::visit_item_mod(self, m);
        }
    }
    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        if !is_test(&f.attrs) {
            self.0
                .entry(f.sig.ident.to_string())
                .or_default()
                .push((*f.block).clone());
        }
    }
    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        if !is_test(&f.attrs) {
            self.0
                .entry(f.sig.ident.to_string())
                .or_default()
                .push(f.block.clone());
        }
    }
}

/// A function being scanned: its name, parameters and body.
struct Frame {
    name: String,
    params: Vec<String>,
    body: syn::Block,
    /// Closures bound by `let err = |msg: String| Diagnostic::error(.., msg)`:
    /// their name and which argument is the message.
    closures: BTreeMap<String, usize>,
    /// The closure being bound by the `let` now visited, with its parameters.
    binding: Vec<(String, Vec<String>)>,
}

struct Scan<'a> {
    file: &'a str,
    fns: &'a BTreeMap<String, Vec<syn::Block>>,
    found: &'a mut Found,
    stack: Vec<Frame>,
    /// Diagnostics that get a note: where their constructor (or helper)
    /// call starts, and the names of variables holding one.
    noted_at: std::collections::BTreeSet<(usize, usize)>,
    noted_vars: Vec<String>,
    /// The note state of the message being resolved.
    noted: Option<bool>,
    /// The line of the message being resolved.
    line: std::cell::Cell<usize>,
    /// Functions met that pass a parameter on as a message.
    helpers: std::cell::RefCell<Vec<String>>,
    /// Message closures met while resolving a message.
    closures: std::cell::RefCell<Vec<(String, usize)>>,
}

fn params_of(sig: &syn::Signature) -> Vec<String> {
    sig.inputs
        .iter()
        .filter_map(|i| match i {
            syn::FnArg::Typed(t) => match &*t.pat {
                Pat::Ident(p) => Some(p.ident.to_string()),
                _ => None,
            },
            syn::FnArg::Receiver(_) => None,
        })
        .collect()
}

impl<'ast> Visit<'ast> for Scan<'_> {
    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        if !is_test(&m.attrs) {
            syn::visit::visit_item_mod(self, m);
        }
    }
    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        if is_test(&f.attrs) {
            return;
        }
        self.noted_vars = noted_vars(&f.block);
        self.stack.push(Frame {
            name: f.sig.ident.to_string(),
            params: params_of(&f.sig),
            body: (*f.block).clone(),
            closures: BTreeMap::new(),
            binding: Vec::new(),
        });
        syn::visit::visit_item_fn(self, f);
        self.stack.pop();
    }
    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        if is_test(&f.attrs) {
            return;
        }
        self.noted_vars = noted_vars(&f.block);
        self.stack.push(Frame {
            name: f.sig.ident.to_string(),
            params: params_of(&f.sig),
            body: f.block.clone(),
            closures: BTreeMap::new(),
            binding: Vec::new(),
        });
        syn::visit::visit_impl_item_fn(self, f);
        self.stack.pop();
    }
    fn visit_local(&mut self, local: &'ast syn::Local) {
        let closure = match (&local.pat, local.init.as_ref().map(|i| &*i.expr)) {
            (Pat::Ident(p), Some(Expr::Closure(c))) => Some((
                p.ident.to_string(),
                c.inputs
                    .iter()
                    .map(|i| match i {
                        Pat::Type(t) => quote_pat(&t.pat),
                        p => quote_pat(p),
                    })
                    .collect(),
            )),
            _ => None,
        };
        let bound = closure.is_some();
        if let (Some(c), Some(frame)) = (closure, self.stack.last_mut()) {
            frame.binding.push(c);
        }
        syn::visit::visit_local(self, local);
        if bound {
            if let Some(frame) = self.stack.last_mut() {
                frame.binding.pop();
            }
        }
    }
    fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
        if let Expr::Path(p) = &*call.func {
            if let (Some(ident), Some(frame)) = (p.path.get_ident(), self.stack.last()) {
                if let Some(&i) = frame.closures.get(&ident.to_string()) {
                    if let Some(message) = call.args.iter().nth(i) {
                        self.message(message, Some(true), line_of(call));
                    }
                }
            }
            let segs: Vec<String> = p
                .path
                .segments
                .iter()
                .map(|s| s.ident.to_string())
                .collect();
            if segs.len() == 2 && segs[0] == "Diagnostic" && CONSTRUCTORS.contains(&&*segs[1]) {
                let error = match &*segs[1] {
                    "error" | "path_error" => Some(true),
                    "warning" | "path_warning" => Some(false),
                    _ => None,
                };
                if let Some(message) = call.args.last() {
                    self.noted = Some(self.is_noted(call));
                    self.message(message, error, line_of(call));
                    self.noted = None;
                }
            }
        }
        syn::visit::visit_expr_call(self, call);
    }
    fn visit_lit_str(&mut self, s: &'ast syn::LitStr) {
        self.found.all.insert(s.value());
    }
    /// `Problem { message: ..., .. }`: a message kept to be reported later.
    fn visit_expr_struct(&mut self, st: &'ast syn::ExprStruct) {
        for field in &st.fields {
            if matches!(&field.member, syn::Member::Named(n) if n == "message") {
                self.message(&field.expr, None, line_of(&field.expr));
            }
        }
        syn::visit::visit_expr_struct(self, st);
    }
    fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
        let name = call.method.to_string();
        if HELPERS.contains(&&*name) && call.args.len() >= 2 {
            let error = match &*name {
                "error" => Some(true),
                "warning" | "warn" => Some(false),
                _ => None,
            };
            // A quiz's `cx.error(at, message, note)` always has one.
            // (book.toml's `self.warn(key, message, None)` has none.)
            let third = call.args.iter().nth(2);
            let none = matches!(third, Some(Expr::Path(p)) if p.path.is_ident("None"));
            self.noted = Some((third.is_some() && !none) || self.is_noted(call));
            self.message(&call.args[1], error, line_of(call));
            self.noted = None;
        }
        if call.method == "with_note" {
            let mut inner = &*call.receiver;
            while let Expr::MethodCall(m) = inner {
                if m.method != "with_note" {
                    break;
                }
                inner = &m.receiver;
            }
            match inner {
                Expr::Path(p) if p.path.get_ident().is_some() => {
                    // `d.with_note(..)` after `let mut d = Diagnostic::error(..)`.
                }
                other => {
                    let start = other.span().start();
                    self.noted_at.insert((start.line, start.column));
                }
            }
        }
        syn::visit::visit_expr_method_call(self, call);
    }
    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        let name = m.path.segments.last().map(|s| s.ident.to_string());
        let args = m
            .parse_body_with(Punctuated::<Expr, Token![,]>::parse_terminated)
            .ok();
        if let (Some(name), Some(args)) = (name, &args) {
            if matches!(&*name, "eprintln" | "eprint") {
                if let Some(Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                })) = args.first()
                {
                    let text = s.value();
                    let line = s.span().start().line;
                    for (prefix, error) in
                        [("error: ", true), ("warning: ", false), ("kurssi: ", true)]
                    {
                        if let Some(rest) = text.strip_prefix(prefix) {
                            if rest.starts_with('{')
                                && rest.ends_with('}')
                                && !rest[1..].contains('{')
                            {
                                // `error: {message}`: the message is made elsewhere.
                                let name = &rest[1..rest.len() - 1];
                                let expr: Expr = match name {
                                    "" => args.iter().nth(1).cloned().unwrap(),
                                    _ => syn::parse_str(name).unwrap(),
                                };
                                self.message(&expr, Some(error), line);
                            } else {
                                self.add(text.clone(), Some(error || prefix == "kurssi: "), line);
                            }
                        }
                    }
                }
            }
        }
        // Code inside macros (`vec![...]`, `format!` arguments) is scanned too.
        if let Some(args) = args {
            for a in &args {
                self.visit_expr(a);
            }
        }
    }
}

fn line_of<T: syn::spanned::Spanned>(node: &T) -> usize {
    node.span().start().line
}

/// Whether `e` (or an expression inside it) starts at `at`.
fn contains_at(e: &Expr, at: (usize, usize)) -> bool {
    struct Find((usize, usize), bool);
    impl<'ast> Visit<'ast> for Find {
        fn visit_expr(&mut self, e: &'ast Expr) {
            let s = e.span().start();
            if (s.line, s.column) == self.0 {
                self.1 = true;
            }
            syn::visit::visit_expr(self, e);
        }
    }
    let mut f = Find(at, false);
    f.visit_expr(e);
    f.1
}

/// The names of variables whose diagnostic gets a note: `d.with_note(..)`.
fn noted_vars(body: &syn::Block) -> Vec<String> {
    struct Find(Vec<String>);
    impl<'ast> Visit<'ast> for Find {
        fn visit_expr_method_call(&mut self, c: &'ast syn::ExprMethodCall) {
            if c.method == "with_note" {
                if let Expr::Path(p) = &*c.receiver {
                    if let Some(i) = p.path.get_ident() {
                        self.0.push(i.to_string());
                    }
                }
            }
            syn::visit::visit_expr_method_call(self, c);
        }
    }
    let mut f = Find(Vec::new());
    f.visit_block(body);
    f.0
}

impl Scan<'_> {
    /// Whether the diagnostic made by `call` gets a note: it is the
    /// receiver of `.with_note(..)`, or bound to a variable that is.
    fn is_noted<T: syn::spanned::Spanned>(&self, call: &T) -> bool {
        let start = call.span().start();
        if self.noted_at.contains(&(start.line, start.column)) {
            return true;
        }
        let Some(frame) = self.stack.last() else {
            return false;
        };
        self.noted_vars.iter().any(|v| {
            matches!(binding_of(&frame.body, v, usize::MAX), Some(Binding::Let(e, _))
                if contains_at(&e, (start.line, start.column)))
        })
    }

    fn add(&mut self, literal: String, error: Option<bool>, line: usize) {
        let at = format!("{}:{line}", self.file);
        let noted = self.noted;
        self.found
            .literals
            .entry(literal)
            .or_default()
            .push(Site { at, error, noted });
    }

    fn unresolved(&mut self, expr: &Expr) {
        let text = quote_expr(expr);
        let frame = self.stack.last().map_or("", |f| f.name.as_str());
        self.found
            .unresolved
            .push(format!("{}: fn {frame}: {text}", self.file));
    }

    /// The literals of a message expression.
    fn message(&mut self, expr: &Expr, error: Option<bool>, line: usize) {
        let mut literals = Vec::new();
        let mut stuck = Vec::new();
        self.line.set(line);
        self.literals_of(expr, None, &mut literals, &mut stuck, 0);
        let helpers: Vec<_> = self.helpers.borrow_mut().drain(..).collect();
        self.found.helpers.extend(helpers);
        let closures: Vec<_> = self.closures.borrow_mut().drain(..).collect();
        if let Some(frame) = self.stack.last_mut() {
            frame.closures.extend(closures);
        }
        for (lit, l) in literals {
            self.add(lit, error, if l == 0 { line } else { l });
        }
        for e in stuck {
            self.unresolved(&e);
        }
    }

    /// Collects the literals an expression is made of. `part` picks an
    /// element of a tuple (`let (message, note) = ...`).
    fn literals_of(
        &self,
        expr: &Expr,
        part: Option<usize>,
        out: &mut Vec<(String, usize)>,
        stuck: &mut Vec<Expr>,
        depth: usize,
    ) {
        if depth > 6 {
            stuck.push(expr.clone());
            return;
        }
        let go = |e: &Expr,
                  part: Option<usize>,
                  out: &mut Vec<(String, usize)>,
                  stuck: &mut Vec<Expr>| {
            self.literals_of(e, part, out, stuck, depth + 1)
        };
        match expr {
            Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) => out.push((s.value(), s.span().start().line)),
            Expr::Macro(m) if m.mac.path.is_ident("format") => {
                let args = m
                    .mac
                    .parse_body_with(Punctuated::<Expr, Token![,]>::parse_terminated)
                    .unwrap();
                if let Some(first) = args.first() {
                    go(first, None, out, stuck);
                    // `format!("`{path}`: {message}")` with `Err(message)`
                    // from a function of the code: its messages too.
                    if let Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(f),
                        ..
                    }) = first
                    {
                        let frame = self.stack.last().unwrap();
                        for name in placeholders(&f.value()) {
                            if let Some(Binding::Err(scrutinee, i)) =
                                binding_of(&frame.body, &name, self.line.get())
                            {
                                // What it cannot follow is the system's text.
                                self.errors(&scrutinee, i, out, &mut Vec::new(), depth + 1);
                            }
                        }
                    }
                }
            }
            Expr::Tuple(t) => match part {
                Some(i) => go(&t.elems[i], None, out, stuck),
                None => stuck.push(expr.clone()),
            },
            Expr::Paren(p) => go(&p.expr, part, out, stuck),
            Expr::Group(g) => go(&g.expr, part, out, stuck),
            Expr::Reference(r) => go(&r.expr, part, out, stuck),
            Expr::If(i) => {
                if let Some(Stmt::Expr(e, None)) = i.then_branch.stmts.last() {
                    go(e, part, out, stuck);
                }
                if let Some((_, e)) = &i.else_branch {
                    go(e, part, out, stuck);
                }
            }
            Expr::Block(b) => {
                if let Some(Stmt::Expr(e, None)) = b.block.stmts.last() {
                    go(e, part, out, stuck);
                }
            }
            Expr::Match(m) => {
                for arm in &m.arms {
                    go(&arm.body, part, out, stuck);
                }
            }
            // `"...".into()`, `message.clone()`, `text.to_owned()`.
            Expr::MethodCall(c)
                if matches!(
                    &*c.method.to_string(),
                    "into" | "to_owned" | "to_string" | "clone"
                ) =>
            {
                go(&c.receiver, part, out, stuck)
            }
            // `why.describe()`: what a function of the code returns.
            Expr::MethodCall(c) => {
                self.returned(&c.method.to_string(), expr, part, out, stuck, depth)
            }
            Expr::Call(c) => match &*c.func {
                Expr::Path(p) => {
                    let name = p.path.segments.last().unwrap().ident.to_string();
                    self.returned(&name, expr, part, out, stuck, depth)
                }
                _ => stuck.push(expr.clone()),
            },
            Expr::Path(p) if p.path.segments.len() == 1 => {
                let name = p.path.segments[0].ident.to_string();
                let frame = self.stack.last().unwrap();
                let closure = frame.binding.last().and_then(|(c, params)| {
                    params
                        .iter()
                        .position(|p| *p == name)
                        .map(|i| (c.clone(), i))
                });
                match binding_of(&frame.body, &name, self.line.get()) {
                    _ if closure.is_some() => {
                        // A message closure's parameter: its calls are scanned.
                        let (c, i) = closure.unwrap();
                        self.closures.borrow_mut().push((c, i));
                    }
                    Some(Binding::Let(init, i)) => go(&init, i.or(part), out, stuck),
                    Some(Binding::Err(scrutinee, i)) => {
                        self.errors(&scrutinee, i.or(part), out, stuck, depth)
                    }
                    None if frame.params.contains(&name) => {
                        // A helper's parameter: its callers are scanned.
                        if !HELPERS.contains(&&*frame.name) {
                            self.helpers.borrow_mut().push(frame.name.clone());
                            stuck.push(expr.clone());
                        }
                    }
                    None => stuck.push(expr.clone()),
                }
            }
            _ => stuck.push(expr.clone()),
        }
    }

    /// The literals of the errors (`Err(...)`, `.map_err(|_| ...)`) the
    /// function called in `scrutinee` returns.
    fn errors(
        &self,
        scrutinee: &Expr,
        part: Option<usize>,
        out: &mut Vec<(String, usize)>,
        stuck: &mut Vec<Expr>,
        depth: usize,
    ) {
        let name = match scrutinee {
            Expr::MethodCall(c) => Some(c.method.to_string()),
            Expr::Call(c) => match &*c.func {
                Expr::Path(p) => Some(p.path.segments.last().unwrap().ident.to_string()),
                _ => None,
            },
            _ => None,
        };
        let Some(bodies) = name.and_then(|n| self.fns.get(&n)) else {
            stuck.push(scrutinee.clone());
            return;
        };
        /// The errors of a body, and the calls it returns the result of.
        struct Errs<'b>(Vec<Expr>, &'b syn::Block, Vec<Expr>);
        impl<'ast> Visit<'ast> for Errs<'_> {
            fn visit_expr_return(&mut self, r: &'ast syn::ExprReturn) {
                if let Some(e) = &r.expr {
                    if matches!(&**e, Expr::Call(_) | Expr::MethodCall(_)) {
                        self.2.push((**e).clone());
                    }
                }
                syn::visit::visit_expr_return(self, r);
            }
            fn visit_expr_call(&mut self, c: &'ast syn::ExprCall) {
                if matches!(&*c.func, Expr::Path(p) if p.path.is_ident("Err")) {
                    self.0.extend(c.args.first().map(|a| self.closure_body(a)));
                }
                syn::visit::visit_expr_call(self, c);
            }
            fn visit_expr_method_call(&mut self, c: &'ast syn::ExprMethodCall) {
                if c.method == "map_err" || c.method == "ok_or_else" || c.method == "ok_or" {
                    match c.args.first() {
                        Some(Expr::Closure(f)) => {
                            let body = self.closure_body(&f.body);
                            self.0.push(body);
                        }
                        // `.ok_or_else(not_a_number)` with `let not_a_number = || ...`.
                        Some(Expr::Path(p)) if p.path.get_ident().is_some() => {
                            let name = p.path.get_ident().unwrap().to_string();
                            if let Some(Binding::Let(Expr::Closure(f), _)) =
                                binding_of(self.1, &name, usize::MAX)
                            {
                                self.0.push((*f.body).clone());
                            }
                        }
                        Some(e) if c.method == "ok_or" => self.0.push(e.clone()),
                        _ => {}
                    }
                }
                syn::visit::visit_expr_method_call(self, c);
            }
        }
        impl Errs<'_> {
            /// `not_a_page()` with `let not_a_page = || format!(...)`: the
            /// closure's body.
            fn closure_body(&self, e: &Expr) -> Expr {
                if let Expr::Call(call) = e {
                    if let Expr::Path(p) = &*call.func {
                        if let Some(name) = p.path.get_ident() {
                            if let Some(Binding::Let(Expr::Closure(f), _)) =
                                binding_of(self.1, &name.to_string(), usize::MAX)
                            {
                                return (*f.body).clone();
                            }
                        }
                    }
                }
                e.clone()
            }
        }
        let before = out.len();
        for body in bodies {
            let mut errs = Errs(Vec::new(), body, Vec::new());
            errs.visit_block(body);
            for e in errs.0 {
                let mut ignore = Vec::new();
                self.literals_of(&e, part, out, &mut ignore, depth + 1);
            }
            // `return anchored(content, first)`: that function's errors too.
            for call in errs.2 {
                if depth < 4 {
                    self.errors(&call, part, out, &mut Vec::new(), depth + 1);
                }
            }
        }
        if out.len() == before {
            stuck.push(scrutinee.clone());
        }
    }

    /// The literals a function of the code returns (every tuple's `part`,
    /// or its last expression).
    fn returned(
        &self,
        name: &str,
        expr: &Expr,
        part: Option<usize>,
        out: &mut Vec<(String, usize)>,
        stuck: &mut Vec<Expr>,
        depth: usize,
    ) {
        let Some(bodies) = self.fns.get(name) else {
            stuck.push(expr.clone());
            return;
        };
        let before = out.len();
        for body in bodies {
            if let Some(Stmt::Expr(e, None)) = body.stmts.last() {
                let mut ignore = Vec::new();
                self.literals_of(e, part, out, &mut ignore, depth + 1);
            }
        }
        if out.len() == before {
            stuck.push(expr.clone());
        }
    }
}

/// How a local name gets its value.
enum Binding {
    /// `let name = init` (or element `i` of `let (a, b) = init`).
    Let(Expr, Option<usize>),
    /// `Err(name)` (or element `i` of `Err((a, b))`) matched on this value.
    Err(Expr, Option<usize>),
}

/// Where `name` is bound in `body`: the last binding before `line`.
fn binding_of(body: &syn::Block, name: &str, line: usize) -> Option<Binding> {
    struct Find<'n> {
        name: &'n str,
        line: usize,
        found: Option<Binding>,
        all: Vec<(usize, Binding)>,
    }
    impl Find<'_> {
        fn push(&mut self, at: usize, b: Binding) {
            if at <= self.line {
                self.all.push((at, b));
            }
        }
    }
    /// Whether `pat` binds the name: `None` when it does not, else which
    /// element of a tuple.
    fn binds(pat: &Pat, name: &str) -> Option<Option<usize>> {
        match pat {
            Pat::Type(t) => binds(&t.pat, name),
            Pat::Ident(p) if p.ident == name => Some(None),
            Pat::Tuple(t) => t
                .elems
                .iter()
                .position(|e| matches!(e, Pat::Ident(p) if p.ident == name))
                .map(Some),
            _ => None,
        }
    }
    /// Whether `pat` is `Err(..)` binding the name.
    fn err_binds(pat: &Pat, name: &str) -> Option<Option<usize>> {
        match pat {
            Pat::TupleStruct(t) if t.path.is_ident("Err") && t.elems.len() == 1 => {
                binds(&t.elems[0], name)
            }
            _ => None,
        }
    }
    impl<'ast> Visit<'ast> for Find<'_> {
        fn visit_local(&mut self, local: &'ast syn::Local) {
            if let Some(init) = &local.init {
                let at = line_of(&local.pat);
                if let Some(i) = err_binds(&local.pat, self.name) {
                    self.push(at, Binding::Err((*init.expr).clone(), i));
                } else if let Some(i) = binds(&local.pat, self.name) {
                    self.push(at, Binding::Let((*init.expr).clone(), i));
                }
            }
            syn::visit::visit_local(self, local);
        }
        fn visit_expr_match(&mut self, m: &'ast syn::ExprMatch) {
            for arm in &m.arms {
                if let Some(i) = err_binds(&arm.pat, self.name) {
                    self.push(line_of(&arm.pat), Binding::Err((*m.expr).clone(), i));
                }
            }
            syn::visit::visit_expr_match(self, m);
        }
        fn visit_expr_let(&mut self, l: &'ast syn::ExprLet) {
            if let Some(i) = err_binds(&l.pat, self.name) {
                self.push(line_of(&l.pat), Binding::Err((*l.expr).clone(), i));
            }
            syn::visit::visit_expr_let(self, l);
        }
    }
    let mut f = Find {
        name,
        line,
        found: None,
        all: Vec::new(),
    };
    f.visit_block(body);
    f.all.sort_by_key(|(at, _)| *at);
    f.found = f.all.pop().map(|(_, b)| b);
    f.found
}

/// The names of a format string's inline placeholders: `{name}`, `{name:?}`.
fn placeholders(format: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = format.replace("{{", "").replace("}}", "");
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let inner = &rest[open + 1..open + close];
        let name = inner.split(':').next().unwrap_or("");
        if !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_') {
            out.push(name.to_owned());
        }
        rest = rest[open + close + 1..].to_owned();
    }
    out
}

fn quote_pat(pat: &Pat) -> String {
    use quote::ToTokens;
    pat.to_token_stream().to_string()
}

fn quote_expr(expr: &Expr) -> String {
    use quote::ToTokens;
    expr.to_token_stream().to_string()
}
