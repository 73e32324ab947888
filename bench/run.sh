#!/usr/bin/env bash
# Benchmarks kurssi against mdBook, Hugo and the floor (bench/floor.rs) on the
# generated corpus (../shared/bench/gen_corpus.py), all in one run so the
# machine's noise hits every tool alike, and writes a Markdown table to
# bench/results/latest.md. See bench/README.md for what is measured and how
# to read it.
#
# Usage: bench/run.sh [--quick] [--pages "1000 10000"] [--runs N] [--with-slow]
#   --quick      1,000 pages only, 3 runs (a couple of minutes)
#   --pages      corpus sizes to measure (default "1000 10000")
#   --runs       timed runs per tool and size (default 5: on a shared
#                virtual machine one run in three can be 30% off, so the
#                median needs more than three)
#   --with-slow  also run mdBook above 1,000 pages (once, search and print
#                off): about 7 minutes at 10,000 pages, quadratic beyond
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
gen="${GEN_CORPUS:-$repo/../shared/bench/gen_corpus.py}"
work="${BENCH_WORK:-$here/work}"
results="$here/results"

pages_list="1000 10000"
runs_opt=""
with_slow=0
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) pages_list="1000"; runs_opt=3 ;;
        --pages) pages_list="$2"; shift ;;
        --runs) runs_opt="$2"; shift ;;
        --with-slow) with_slow=1 ;;
        -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done

[ -f "$gen" ] || { echo "corpus generator not found at $gen (set GEN_CORPUS)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs GNU time at /usr/bin/time (Debian: apt-get install -y time)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "needs python3" >&2; exit 2; }

notes=()
noisy=0 total=0
note() { notes+=("$1"); echo "note: $1" >&2; }

# Other builds on the machine would be measured too: say so rather than
# quietly publishing noisy figures.
busy=$(pgrep -c -x rustc || true)
[ "${busy:-0}" -gt 0 ] && note "$busy rustc process(es) were running when the benchmark started: figures may be noisy"

echo "== building kurssi and the floor (release)" >&2
(cd "$repo" && cargo build --release --quiet --bin kurssi --example floor)
kurssi="$repo/target/release/kurssi"
floor="$repo/target/release/examples/floor"

mdbook=$(command -v mdbook || true)
[ -z "$mdbook" ] && [ -x "$HOME/.cargo/bin/mdbook" ] && mdbook="$HOME/.cargo/bin/mdbook"
[ -z "$mdbook" ] && note "mdBook not found: skipped (install: cargo install mdbook --locked)"
hugo=$(command -v hugo || true)
[ -z "$hugo" ] && note "Hugo not found: skipped (Debian: apt-get install -y hugo)"

mkdir -p "$work" "$results"
raw="$work/raw.tsv"   # tool, pages, run, wall s, cpu s, peak KiB, output bytes, exit code
: > "$raw"

# Every run writes into its own new folder under $outs, and nothing is
# deleted until all runs are done: on this kind of machine's file system,
# creating files right after many were deleted costs several times more
# kernel time (ext4's inode allocator skips recently deleted inodes), so
# deleting one run's output would slow the next run down.
outs="$work/out/$$"
cleanup() {
    if [ -d "$outs" ]; then echo "== removing the outputs (untimed)" >&2; rm -rf "$outs"; fi
    rmdir "$work/out" 2>/dev/null || true
}
trap cleanup EXIT

# Times one build into a new output folder and appends a line to $raw. The
# written data is flushed (sync) after the run, outside the timing, so one
# run's write-back does not fall into the next.
measure() {
    local tool=$1 pages=$2 run=$3 out=$4; shift 4
    local log="$work/logs/$tool-$pages-$run.log" tfile="$work/time.tmp"
    mkdir -p "$work/logs" "$(dirname "$out")"
    [ -e "$out" ] && { echo "output folder $out already exists" >&2; exit 1; }
    local start=$EPOCHREALTIME code=0
    /usr/bin/time -f '%U %S %M' -o "$tfile" "$@" > "$log" 2>&1 || code=$?
    local end=$EPOCHREALTIME
    # A compiler seen right after a run most likely ran during it.
    pgrep -x rustc > /dev/null && noisy=$((noisy + 1))
    total=$((total + 1))
    sync
    local size=0
    [ -d "$out" ] && size=$(du -sb "$out" | cut -f1)
    read -r user sys rss < <(tail -n 1 "$tfile")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$tool" "$pages" "$run" \
        "$(python3 -c "print(f'{$end - $start:.4f}')")" \
        "$(python3 -c "print(f'{$user + $sys:.2f}')")" "$rss" "$size" "$code" >> "$raw"
    if [ "$code" != 0 ]; then
        note "$tool at $pages pages, run $run: exit $code (log: ${log#"$repo"/})"
        tail -n 5 "$log" >&2
    fi
}

# The tools and variants measured at every size. Each entry: name, then the
# command with @OUT@ standing for the output folder.
declare -A cmd
variants=()
add() { variants+=("$1"); cmd[$1]=$2; }

for pages in $pages_list; do
    runs=${runs_opt:-5}
    corpus="$work/corpus-$pages"
    # Corpora are kept between runs of this script (regenerating one deletes
    # the old one, which would slow the builds measured after it, see above).
    stamp="$pages $(md5sum < "$gen" | cut -c1-12) hugo=${hugo:+1}"
    if [ "$(cat "$corpus/.stamp" 2>/dev/null)" != "$stamp" ]; then
        echo "== $pages pages: generating the corpus" >&2
        rm -rf "$corpus"
        python3 "$gen" --pages "$pages" --out "$corpus/mdbook" --layout mdbook >&2
        # kurssi without build-time highlighting: same pages (hard links), own book.toml.
        cp -al "$corpus/mdbook" "$corpus/mdbook-nohl"
        rm "$corpus/mdbook-nohl/book.toml"
        { cat "$corpus/mdbook/book.toml"; printf '\n[course]\nhighlight = false\n'; } > "$corpus/mdbook-nohl/book.toml"
        # mdBook with its whole-book extras off (the second peer figure).
        cp -al "$corpus/mdbook" "$corpus/mdbook-lean"
        rm "$corpus/mdbook-lean/book.toml"
        { cat "$corpus/mdbook/book.toml"; printf '\n[output.html.search]\nenable = false\n\n[output.html.print]\nenable = false\n'; } > "$corpus/mdbook-lean/book.toml"
        [ -n "$hugo" ] && python3 "$gen" --pages "$pages" --out "$corpus/hugo" --layout hugo >&2
        echo "$stamp" > "$corpus/.stamp"
    fi
    # kurssi without the two outputs that gather the whole course (search
    # index, print view), as mdbook-lean is for mdBook: made apart from the
    # stamp so that a corpus from before this variant gets it too.
    if [ ! -f "$corpus/mdbook-lean-kurssi/book.toml" ]; then
        cp -al "$corpus/mdbook" "$corpus/mdbook-lean-kurssi"
        rm "$corpus/mdbook-lean-kurssi/book.toml"
        { cat "$corpus/mdbook/book.toml"; printf '\n[course]\nsearch = false\nprint = false\n'; } > "$corpus/mdbook-lean-kurssi/book.toml"
    fi
    # Read everything once so that no tool pays for a cold page cache.
    find "$corpus" -type f -exec cat {} + > /dev/null

    variants=(); cmd=()
    add kurssi "$kurssi build $corpus/mdbook -d @OUT@"
    add kurssi-nohl "$kurssi build $corpus/mdbook-nohl -d @OUT@"
    add kurssi-lean "$kurssi build $corpus/mdbook-lean-kurssi -d @OUT@"
    add floor "$floor $corpus/mdbook/src @OUT@"
    add floor-nohl "$floor $corpus/mdbook/src @OUT@ --no-highlight"
    if [ -n "$hugo" ]; then
        add hugo "$hugo --quiet -s $corpus/hugo -d @OUT@"
        add hugo-nohl "$hugo --quiet -s $corpus/hugo --config $corpus/hugo/config.toml,$corpus/hugo/nohl.toml -d @OUT@"
    fi
    if [ -n "$mdbook" ]; then
        if [ "$pages" -le 1000 ]; then
            add mdbook "$mdbook build $corpus/mdbook -d @OUT@"
            add mdbook-lean "$mdbook build $corpus/mdbook-lean -d @OUT@"
        elif [ "$with_slow" = 1 ]; then
            # Quadratic: one run of the faster variant only.
            echo "== $pages pages: mdBook (search and print off), one run; this takes minutes" >&2
            measure mdbook-lean "$pages" 1 "$outs/$pages/mdbook-lean-1" \
                "$mdbook" build "$corpus/mdbook-lean" -d "$outs/$pages/mdbook-lean-1"
        else
            note "mdBook not run at $pages pages (minutes per run, quadratic; --with-slow runs it once)"
        fi
    fi

    # Runs are interleaved (every tool's run 1, then every tool's run 2, ...)
    # so that a slow spell of the machine falls on all tools, not on one.
    for run in $(seq 1 "$runs"); do
        echo "== $pages pages: run $run of $runs" >&2
        for v in "${variants[@]}"; do
            out="$outs/$pages/$v-$run"
            # shellcheck disable=SC2086 # the command is meant to be split into words
            measure "$v" "$pages" "$run" "$out" ${cmd[$v]//@OUT@/$out}
        done
    done
done

# The bundled course (repo root), cold: a new process and a new, empty
# output folder each time, as a trainer's first build.
echo "== bundled course" >&2
for run in 1 2 3 4 5; do
    measure kurssi-bundled bundled "$run" "$outs/bundled-$run" "$kurssi" build "$repo" -d "$outs/bundled-$run"
done

[ "$noisy" -gt 0 ] && note "$noisy of $total runs ended with a rustc process running: those figures may be noisy"

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')
{
    echo "# kurssi benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "Machine: $(nproc) cores, ${cpu:-unknown CPU}, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo);" \
        "kurssi $("$kurssi" --version | cut -d' ' -f2)${mdbook:+, $("$mdbook" --version)}${hugo:+, hugo $("$hugo" version | grep -o 'v[0-9.]*' | head -n1)}."
    echo
    python3 "$here/report.py" "$raw"
    if [ ${#notes[@]} -gt 0 ]; then
        echo
        echo "Notes:"
        for n in "${notes[@]}"; do echo "- $n"; done
    fi
} | tee "$results/latest.md"
cp "$raw" "$results/latest.tsv"
echo >&2
echo "saved to ${results#"$repo"/}/latest.md (raw runs: latest.tsv)" >&2
