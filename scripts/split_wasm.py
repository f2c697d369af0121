#!/usr/bin/env python3
"""Post-build step: split the app's WASM at its `#[wasm_split]` points, so the first load carries only what the
first render runs and the rest arrives right after the first paint (issue: first load and first render).

Trunk 0.21 builds one WASM; this redoes its last steps on the same cargo output (`target/.../release/
copyimage-playground.wasm`, linked with `--emit-relocs`, see build.rs):
  1. wasm-split-cli (crate `wasm_split_cli_support`, pinned in scripts/setup.sh) cuts it into the main module and
     one chunk per split point, plus the loader `__wasm_split.js` the main module imports;
  2. wasm-bindgen (the same pinned CLI as Trunk's, `--keep-lld-exports` so the chunks find what they share with
     the main module) writes the JS glue and `_bg.wasm` under Trunk's hashed name, replacing Trunk's;
  3. wasm-opt (WASM_OPT below) on the main module and on each chunk;
  4. the chunks and the loader get content-hashed names (a static host may cache them across deploys), the
     page's preload integrity for the WASM is re-pinned (scripts/minify_js.py re-pins the glue's after it), and
     the loader is preloaded beside the glue;
  5. a small inline script preloads, as the page is parsed, the files of the split points a view draws at its
     first render (FIRST_RENDER_SPLITS: the lessons panel, the embed view), when the query opens that view.

Usage: split_wasm.py DIST_DIR CARGO_WASM
"""

import glob
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from minify_js import sri

# wasm-opt -Oz, then with low memory declared unused (rustc puts the 1 MiB stack first, so addresses below 1024
# are only reached by a stack overflow) and a second -Oz round: about 1.7 KB gzip less; the producers and
# target_features sections (tool names, feature list: browsers ignore them) are dropped. Trunk runs no wasm-opt
# (index.html: data-wasm-opt="0"): its output is replaced here.
WASM_OPT = ["-Oz", "--low-memory-unused", "-Oz", "--strip-producers", "--strip-target-features"]


# The split points whose view draws them at its first render (src/teach/mod.rs): their files are preloaded
# by the page as it is parsed, beside the first file, when the query opens that view (as `teach::view_for`
# reads it: `embed` wins, the lessons panel is the playground's). The later panes' file is not: it is asked for
# after the first render. The inline script gets its CSP hash from csp.py, which runs after this.
FIRST_RENDER_SPLITS = {"lessons": "lessons", "embed": "embed"}
PRELOAD_JS = (
    "(function(){var q=location.search,d=document,v=/[?&]embed(&|=|$)/.test(q)?'embed'"
    ":/[?&]lessons(&|=|$)/.test(q)&&!/[?&]view=debugger(&|$)/.test(q)?'lessons':'';"
    "(FILES[v]||[]).forEach(function(h){var l=d.createElement('link');l.rel='preload';l.as='fetch';"
    "l.crossOrigin='anonymous';l.href=h;d.head.appendChild(l)})})()"
)

# The first WASM is fetched and compiled from the head, by an inline script before every other script: the
# compilation streams beside the download, so the module script (run once the document is parsed) only
# instantiates a compiled module, synchronously (see below). A preload instead left fetch, streaming
# compilation and its promise turns for after the module script had run, with the shell's first layout and
# paint in between (about 12 ms of the first render for the early compilation alone, 40 more with the
# synchronous instantiation, measured on alternating loads). Like wasm-bindgen's loader, a host serving .wasm under another MIME type gets
# the bytes compiled instead of streamed; a browser without streaming compilation leaves `__wasm` unset and the
# glue fetches the file itself.
EARLY_COMPILE_JS = (
    "(function(){var W=window.WebAssembly;if(!W||!W.compileStreaming)return;"
    "window.__wasm=fetch('URL',{integrity:'SRI'}).then(function(r){"
    "if(!r.ok)throw new Error('failed to fetch URL: '+r.status);"
    "return/^application\\/wasm\\b/.test(r.headers.get('Content-Type')||'')?W.compileStreaming(r)"
    ":r.arrayBuffer().then(function(b){return W.compile(b)})})})()"
)


def split_files(loader):
    """Split point name -> the files its load fetches (its own, then the shared chunks it needs), read from
    the loader wasm-split-cli wrote."""
    chunk_file = dict(re.findall(r'const (__chunk_\d+) = makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\./([^"]+)"', loader))
    out = {}
    for name, own, deps in re.findall(r'export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(\(\) => \{\s*'
                                      r'const src = fetch\(new URL\("\./([^"]+)".*?\n, \[([^\]]*)\]\)\);', loader, re.S):
        out[name] = [own] + [chunk_file[d.strip()] for d in deps.split(",") if d.strip()]
    missing = set(FIRST_RENDER_SPLITS.values()) - set(out)
    if missing:
        sys.exit(f"split_wasm: the loader has no split point named {sorted(missing)}")
    return out


def short_hash(data):
    return hashlib.sha256(data).hexdigest()[:16]


def run(*args):
    subprocess.run(list(args), check=True)


def main(dist, cargo_wasm):
    glue = [p for p in glob.glob(os.path.join(dist, "copyimage-playground-*.js"))]
    if len(glue) != 1:
        sys.exit(f"split_wasm: expected one copyimage-playground-*.js in {dist}, found {len(glue)}")
    stem = os.path.basename(glue[0])[: -len(".js")]
    index = os.path.join(dist, "index.html")
    tools = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tools", "node_modules", ".bin")
    wasm_opt = os.path.join(tools, "wasm-opt")
    with tempfile.TemporaryDirectory() as tmp:
        split_dir = os.path.join(tmp, "split")
        run("wasm-split-cli", cargo_wasm, split_dir, "--out-name", stem)
        # One `split_NAME.wasm` per split point, plus `chunk_N.wasm` for code that several of them share.
        chunks = sorted(glob.glob(os.path.join(split_dir, "split_*.wasm")))
        if not chunks:
            sys.exit("split_wasm: wasm-split-cli found no split point (is the app built with --emit-relocs?)")
        chunks += sorted(glob.glob(os.path.join(split_dir, "chunk_*.wasm")))
        bg_dir = os.path.join(tmp, "bindgen")
        run("wasm-bindgen", "--target=web", f"--out-dir={bg_dir}", f"--out-name={stem}", "--no-typescript",
            "--keep-lld-exports", os.path.join(split_dir, stem + ".wasm"))
        main_wasm = os.path.join(bg_dir, stem + "_bg.wasm")
        for w in [main_wasm] + chunks:
            run(wasm_opt, f"--output={w}", *WASM_OPT, w)

        loader = open(os.path.join(split_dir, "__wasm_split.js"), encoding="utf-8").read()
        files_of = split_files(loader)
        # Like wasm-bindgen's own loader, accept a host that serves .wasm under another MIME type: compiled from
        # the bytes instead of streamed (streaming refuses anything but application/wasm).
        streaming = "WebAssembly.instantiateStreaming(src, imports)"
        if loader.count(streaming) != len(chunks):
            sys.exit("split_wasm: the loader's instantiation is not the one expected")
        loader = loader.replace(streaming, "src.then((r) => /^application\\/wasm\\b/.test(r.headers.get('Content-Type') || '')"
                                " ? WebAssembly.instantiateStreaming(r, imports)"
                                " : r.arrayBuffer().then((b) => WebAssembly.instantiate(b, imports)))")
        sizes = []
        hashed_of = {}
        for c in chunks:
            data = open(c, "rb").read()
            name = os.path.basename(c)[: -len(".wasm")]
            hashed = f"{name}-{short_hash(data)}.wasm"
            if f'"./{name}.wasm"' not in loader:
                sys.exit(f"split_wasm: the loader does not name ./{name}.wasm")
            loader = loader.replace(f'"./{name}.wasm"', f'"./{hashed}"')
            hashed_of[name + ".wasm"] = hashed
            shutil.copyfile(c, os.path.join(dist, hashed))
            sizes.append(f"{hashed} {len(data)} B")
        loader_name = f"wasm_split-{short_hash(loader.encode())}.js"
        open(os.path.join(dist, loader_name), "w", encoding="utf-8").write(loader)

        js = open(os.path.join(bg_dir, stem + ".js"), encoding="utf-8").read()
        # Only the module the glue imports is renamed; the WASM's import module keeps its name, which the glue's
        # imports object uses as a key. wasm-bindgen writes one import line per split point (the same module).
        imp = re.compile(r'(import \* as \w+ from )"\./__wasm_split\.js"')
        if not imp.findall(js):
            sys.exit("split_wasm: the glue does not import ./__wasm_split.js")
        js = imp.sub(lambda m: f'{m.group(1)}"./{loader_name}"', js)
        open(os.path.join(dist, stem + ".js"), "w", encoding="utf-8").write(js)
        wasm = open(main_wasm, "rb").read()
        open(os.path.join(dist, stem + "_bg.wasm"), "wb").write(wasm)

    # Re-pin the WASM preload's integrity (the glue's is re-pinned by minify_js.py, which runs next).
    html = open(index, encoding="utf-8").read()
    pattern = re.compile(r'(<link\b[^>]*\bhref="?\./' + re.escape(stem) + r'_bg\.wasm"?[^>]*>)')
    link = pattern.search(html)
    if not link:
        sys.exit(f"split_wasm: no preload link for {stem}_bg.wasm in {index}")
    pinned = re.sub(r"sha384-[A-Za-z0-9+/=]+", sri(wasm), link.group(1))
    html = html.replace(link.group(1), pinned)
    # The glue imports the loader: preloaded beside the glue, so it does not wait for the glue to be parsed
    # (a serial round trip before the WASM can start).
    glue_link = re.search(r'<link\b[^>]*\bhref="?\./' + re.escape(stem) + r'\.js"?[^>]*>', html)
    if not glue_link:
        sys.exit(f"split_wasm: no modulepreload link for {stem}.js in {index}")
    preloads = {view: [hashed_of[f] for f in files_of[split]] for view, split in FIRST_RENDER_SPLITS.items()}
    # All of it goes right after the module script, before the stylesheets (Trunk puts its preloads at the
    # end of the head): an inline script after a stylesheet waits for it, and with it the parser, which then
    # found the WASM's preload only once the CSS was in (the download started 30 to 50 ms later, measured).
    block = (glue_link.group(0) + f'<link crossorigin href=./{loader_name} rel=modulepreload>'
             + "<script>" + PRELOAD_JS.replace("FILES", json.dumps(preloads, separators=(",", ":"))) + "</script>")
    html = html.replace(glue_link.group(0), "", 1).replace(pinned, "", 1)
    wasm_url = f"./{stem}_bg.wasm"
    init_call = f"await init({{ module_or_path: '{wasm_url}' }})"
    if html.count(init_call) != 1 or "import init, * as bindings from" not in html:
        sys.exit(f"split_wasm: the module script of {index} does not import the glue as `bindings` and call {init_call} once")
    # With the compiled module in hand, instantiated synchronously: the app's first render then runs in this
    # script's own microtasks as the document finishes parsing, instead of after a promise turn, the layout at
    # the end of parsing and a frame of the shell.
    html = html.replace(init_call, "(window.__wasm ? bindings.initSync({ module: await window.__wasm }) : "
                        + init_call + ")")
    early = "<script>" + EARLY_COMPILE_JS.replace("URL", wasm_url).replace("SRI", sri(wasm)) + "</script>"
    module = re.search(r"<script type=\"?module\"?>.*?</script>", html, re.S)
    if not module:
        sys.exit(f"split_wasm: no module script in {index}")
    html = html[: module.start()] + html[module.start(): module.end()] + block + html[module.end():]
    # The compile script goes before every other script, the language script included: a Chinese page's
    # fetch of its strings, started first, put the WASM's request about 8 ms later (measured).
    first_script = html.find("<script")
    html = html[:first_script] + early + html[first_script:]
    open(index, "w", encoding="utf-8").write(html)
    print(f"split_wasm: {stem}_bg.wasm {len(wasm)} B; after the first render: {', '.join(sizes)}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
