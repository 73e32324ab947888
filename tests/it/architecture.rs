//! The top-level modules of `src/` form no import cycle: the data flows one
//! way, `load` -> `markdown` -> `analysis` -> `model` -> `check` -> `render`
//! -> `output` or `serve`, and a module never names one that names it back,
//! however indirectly.
//!
//! Each `.rs` file under `src/` belongs to its top-level module (`src/x.rs`
//! and everything under `src/x/` to `x`); the test reads it with `syn` and
//! collects the top-level modules it names through `crate::NAME` (or a
//! `super::` that climbs to the crate root), in `use` items, in expressions
//! and types, and inside macro calls. Test code may name anything: files
//! named `tests.rs`, `*_tests.rs` or `testing.rs` are skipped, and so is
//! every item under `#[cfg(test)]` or `#[test]`.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::{Path, PathBuf};

use proc_macro2::{TokenStream, TokenTree};
use syn::visit::Visit;

use crate::messages::scan::{is_test, is_test_file};

/// The modules each module names, with where it first names each one
/// (`src/config.rs:12`).
type Graph = BTreeMap<String, BTreeMap<String, String>>;

#[test]
fn top_level_modules_have_no_import_cycle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let graph = graph(&src);
    assert!(
        graph
            .get("cmd")
            .is_some_and(|names| names.contains_key("check")),
        "the scan found no `crate::` path in `src/cmd/` (it names `check`)"
    );
    let cycles: Vec<String> = cycles(&graph)
        .iter()
        .map(|cycle| describe(&graph, cycle))
        .collect();
    assert!(
        cycles.is_empty(),
        "the top-level modules of src/ import each other in a cycle:\n\n{}",
        cycles.join("\n\n")
    );
}

/// Reads every non-test `.rs` file under `src` and collects, for each
/// top-level module, the other top-level modules it names.
fn graph(src: &Path) -> Graph {
    let mut files = Vec::new();
    collect(src, &mut files);
    files.sort();
    let modules: BTreeSet<String> = files
        .iter()
        .map(|f| module_path(src, f)[0].clone())
        .collect();
    let mut graph = Graph::new();
    for file in &files {
        let rel = file.strip_prefix(src.parent().unwrap()).unwrap();
        let rel = rel.to_string_lossy().replace('\\', "/");
        let text = std::fs::read_to_string(file).unwrap();
        let parsed = syn::parse_file(&text).unwrap_or_else(|e| panic!("{rel}: {e}"));
        let module = module_path(src, file);
        let mut names = Names {
            module: module.clone(),
            found: Vec::new(),
        };
        names.visit_file(&parsed);
        let from = graph.entry(module[0].clone()).or_default();
        for (to, line) in names.found {
            if to != module[0] && modules.contains(&to) {
                from.entry(to).or_insert_with(|| format!("{rel}:{line}"));
            }
        }
    }
    graph
}

/// Every `.rs` file under `dir` that belongs to a module of the library,
/// leaving out test files and the crate roots (`lib.rs` only declares the
/// modules; `main.rs` is the binary, which uses the library as `kurssi`).
fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(&path, out);
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy();
        let test = is_test_file(&name);
        let root = path.parent().unwrap().file_name().unwrap() == "src"
            && (name == "lib.rs" || name == "main.rs");
        if name.ends_with(".rs") && !test && !root {
            out.push(path);
        }
    }
}

/// The module a file is: `src/x.rs` and `src/x/mod.rs` are `x`,
/// `src/x/y.rs` is `x::y`.
fn module_path(src: &Path, file: &Path) -> Vec<String> {
    let mut path: Vec<String> = file
        .strip_prefix(src)
        .unwrap()
        .with_extension("")
        .iter()
        .map(|part| part.to_string_lossy().into_owned())
        .collect();
    if path.last().is_some_and(|last| last == "mod") {
        path.pop();
    }
    path
}

/// Collects the top-level modules a file names, outside test code.
struct Names {
    /// The module being read: the file's, then any inline `mod` in it.
    module: Vec<String>,
    /// Each top-level module named, with the line.
    found: Vec<(String, usize)>,
}

impl Names {
    /// The top-level module a path names when it starts from the crate root
    /// (`crate::x::..`, or enough `super::` to climb there), if any.
    fn name(&mut self, segments: &[String], line: usize) {
        let (mut at, mut rest) = match segments.first().map(String::as_str) {
            Some("crate") => (Vec::new(), &segments[1..]),
            Some("super" | "self") => (self.module.clone(), segments),
            _ => return,
        };
        while let Some(first) = rest.first() {
            match first.as_str() {
                "super" => {
                    at.pop();
                }
                "self" => {}
                _ => break,
            }
            rest = &rest[1..];
        }
        if let Some(top) = at.first().or(rest.first()) {
            self.found.push((top.clone(), line));
        }
    }

    /// Finds `crate :: x` and `super :: ..` paths among a macro's tokens.
    fn tokens(&mut self, tokens: TokenStream) {
        let tokens: Vec<TokenTree> = tokens.into_iter().collect();
        let mut i = 0;
        while i < tokens.len() {
            match &tokens[i] {
                TokenTree::Group(g) => self.tokens(g.stream()),
                TokenTree::Ident(first) if first == "crate" || first == "super" => {
                    let line = first.span().start().line;
                    let mut segments = vec![first.to_string()];
                    while let [TokenTree::Punct(a), TokenTree::Punct(b), TokenTree::Ident(next), ..] =
                        &tokens[i + 1..]
                    {
                        if a.as_char() != ':' || b.as_char() != ':' {
                            break;
                        }
                        segments.push(next.to_string());
                        i += 3;
                    }
                    self.name(&segments, line);
                }
                _ => {}
            }
            i += 1;
        }
    }
}

/// The paths a `use` tree imports, each as its segments.
fn use_paths(tree: &syn::UseTree, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    match tree {
        syn::UseTree::Path(p) => {
            prefix.push(p.ident.to_string());
            use_paths(&p.tree, prefix, out);
            prefix.pop();
        }
        syn::UseTree::Name(n) => out.push([&prefix[..], &[n.ident.to_string()]].concat()),
        syn::UseTree::Rename(r) => out.push([&prefix[..], &[r.ident.to_string()]].concat()),
        syn::UseTree::Glob(_) => out.push(prefix.clone()),
        syn::UseTree::Group(g) => {
            for tree in &g.items {
                use_paths(tree, prefix, out);
            }
        }
    }
}

impl<'ast> Visit<'ast> for Names {
    fn visit_item(&mut self, item: &'ast syn::Item) {
        let attrs = match item {
            syn::Item::Const(i) => &i.attrs,
            syn::Item::Enum(i) => &i.attrs,
            syn::Item::Fn(i) => &i.attrs,
            syn::Item::Impl(i) => &i.attrs,
            syn::Item::Macro(i) => &i.attrs,
            syn::Item::Mod(i) => &i.attrs,
            syn::Item::Static(i) => &i.attrs,
            syn::Item::Struct(i) => &i.attrs,
            syn::Item::Trait(i) => &i.attrs,
            syn::Item::Type(i) => &i.attrs,
            syn::Item::Use(i) => &i.attrs,
            _ => return syn::visit::visit_item(self, item),
        };
        if !is_test(attrs) {
            syn::visit::visit_item(self, item);
        }
    }
    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        if !is_test(&f.attrs) {
            syn::visit::visit_impl_item_fn(self, f);
        }
    }
    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        self.module.push(m.ident.to_string());
        syn::visit::visit_item_mod(self, m);
        self.module.pop();
    }
    fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
        let mut paths = Vec::new();
        use_paths(&u.tree, &mut Vec::new(), &mut paths);
        let line = u.use_token.span.start().line;
        for path in paths {
            self.name(&path, line);
        }
    }
    fn visit_path(&mut self, path: &'ast syn::Path) {
        let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        let line = path.segments[0].ident.span().start().line;
        self.name(&segments, line);
        syn::visit::visit_path(self, path);
    }
    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        self.tokens(m.tokens.clone());
        syn::visit::visit_macro(self, m);
    }
}

/// The cycles to name: every two modules that name each other, and a
/// shortest cycle through each module that is in one, each cycle once,
/// written from its first module by name.
fn cycles(graph: &Graph) -> Vec<Vec<String>> {
    let mut found = BTreeSet::new();
    for (a, names) in graph {
        for b in names.keys() {
            if a < b && graph[b].contains_key(a) {
                found.insert(vec![a.clone(), b.clone(), a.clone()]);
            }
        }
    }
    for component in components(graph) {
        for start in &component {
            let mut cycle = cycle_in(graph, &component, start);
            cycle.pop();
            let first = (0..cycle.len()).min_by_key(|&i| &cycle[i]).unwrap();
            cycle.rotate_left(first);
            cycle.push(cycle[0].clone());
            found.insert(cycle);
        }
    }
    found.into_iter().collect()
}

/// The strongly connected components of the graph with more than one
/// module: each is one or more cycles (Tarjan's algorithm).
fn components(graph: &Graph) -> Vec<Vec<String>> {
    struct Tarjan<'g> {
        graph: &'g Graph,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        found: Vec<Vec<String>>,
    }
    impl<'g> Tarjan<'g> {
        fn visit(&mut self, module: &'g str) {
            let index = self.index.len();
            self.index.insert(module, index);
            self.low.insert(module, index);
            self.stack.push(module);
            let graph = self.graph;
            for next in graph.get(module).into_iter().flat_map(|n| n.keys()) {
                if !self.index.contains_key(next.as_str()) {
                    self.visit(next);
                    let low = self.low[module].min(self.low[next.as_str()]);
                    self.low.insert(module, low);
                } else if self.stack.contains(&next.as_str()) {
                    let low = self.low[module].min(self.index[next.as_str()]);
                    self.low.insert(module, low);
                }
            }
            if self.low[module] == index {
                let at = self.stack.iter().position(|m| *m == module).unwrap();
                let mut component: Vec<String> =
                    self.stack.drain(at..).map(str::to_owned).collect();
                component.sort();
                if component.len() > 1 {
                    self.found.push(component);
                }
            }
        }
    }
    let mut tarjan = Tarjan {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        found: Vec::new(),
    };
    for module in graph.keys() {
        if !tarjan.index.contains_key(module.as_str()) {
            tarjan.visit(module);
        }
    }
    tarjan.found.sort();
    tarjan.found
}

/// A shortest cycle through `start` inside its component: the modules in
/// order, `start` again at the end.
fn cycle_in(graph: &Graph, component: &[String], start: &String) -> Vec<String> {
    let mut came_from: BTreeMap<&String, &String> = BTreeMap::new();
    let mut queue = VecDeque::from([start]);
    while let Some(module) = queue.pop_front() {
        for next in graph[module].keys() {
            if !component.contains(next) {
                continue;
            }
            if next == start {
                let mut cycle = vec![start.clone(), module.clone()];
                let mut at = module;
                while at != start {
                    at = came_from[at];
                    cycle.push(at.clone());
                }
                cycle.reverse();
                return cycle;
            }
            if !came_from.contains_key(next) {
                came_from.insert(next, module);
                queue.push_back(next);
            }
        }
    }
    unreachable!("a strongly connected component has a cycle")
}

/// `a -> b -> a`, and under it where each module names the next.
fn describe(graph: &Graph, cycle: &[String]) -> String {
    let mut out = cycle.join(" -> ");
    for pair in cycle.windows(2) {
        let at = &graph[&pair[0]][&pair[1]];
        out += &format!("\n  {} -> {}: {at}", pair[0], pair[1]);
    }
    out
}

/// The scan finds what a file names and leaves test code out; a cycle is
/// found and named, so that the test above cannot pass by finding nothing.
#[test]
fn the_scan_and_the_cycle_search_work() {
    let file: syn::File = syn::parse_quote! {
        use crate::{a::A, b};
        use super::super::c::C;
        fn f() -> crate::d::D {
            println!("{}", crate::e::E);
            super::g()
        }
        #[cfg(test)]
        mod tests {
            use crate::t::T;
        }
        #[test]
        fn t() {
            crate::u::f();
        }
    };
    let mut names = Names {
        module: vec!["m".to_owned(), "n".to_owned()],
        found: Vec::new(),
    };
    names.visit_file(&file);
    let mut found: Vec<String> = names.found.into_iter().map(|(m, _)| m).collect();
    found.sort();
    found.dedup();
    assert_eq!(found, ["a", "b", "c", "d", "e", "m"]);

    let edge = |to: &str| (to.to_owned(), format!("src/{to}.rs:1"));
    let graph = Graph::from([
        ("a".to_owned(), BTreeMap::from([edge("b")])),
        ("b".to_owned(), BTreeMap::from([edge("a"), edge("c")])),
        ("c".to_owned(), BTreeMap::from([edge("a")])),
        ("d".to_owned(), BTreeMap::from([edge("a"), edge("e")])),
        ("e".to_owned(), BTreeMap::from([edge("d")])),
    ]);
    let named: Vec<String> = cycles(&graph).iter().map(|c| c.join(" -> ")).collect();
    assert_eq!(named, ["a -> b -> a", "a -> b -> c -> a", "d -> e -> d"]);
}
