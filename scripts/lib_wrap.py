#!/usr/bin/env python3
"""Post-build step of scripts/build-lib.sh: turns wasm-bindgen's `--target web` loader into the module the
JavaScript API documents.

* the default export becomes `init(moduleOrBytes?)`: a URL, Response, bytes or compiled module given
  directly (wasm-bindgen's own loader takes `{ module_or_path }` and warns on anything else), else
  `copyimage.wasm` next to the module;
* `version` (the engine's and the API's) is exported, set by `init` from the module itself;
* the internal `__versionInfo` export and `initSync` are no longer exported.

Every replacement must match exactly once, so a wasm-bindgen upgrade that changes the loader fails the build
here instead of shipping a module that behaves differently.

Usage: lib_wrap.py IN.js OUT.js
"""

import sys

TAIL = """/** The engine's and the API's versions (`{ engine, api, actions }`); set by `init()`. */
export let version;

/**
 * Loads the engine's WASM: a URL (default: `copyimage.wasm` next to this file), a `Response`, the bytes
 * (Node) or a compiled `WebAssembly.Module`. Call it once, before any other export; later calls return
 * the same instance.
 */
export default async function init(moduleOrBytes) {
    const exports = await __wbg_init(moduleOrBytes === undefined ? undefined : { module_or_path: moduleOrBytes });
    if (version === undefined) version = Object.freeze(__versionInfo());
    return exports;
}
"""

REPLACEMENTS = [
    ("export { initSync, __wbg_init as default };", TAIL),
    ("new URL('copyimage_bg.wasm', import.meta.url)", "new URL('copyimage.wasm', import.meta.url)"),
    ("export function __versionInfo()", "function __versionInfo()"),
]


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        js = f.read()
    for old, new in REPLACEMENTS:
        n = js.count(old)
        if n != 1:
            print(f"lib_wrap.py: expected {old!r} once in {sys.argv[1]}, found it {n} times", file=sys.stderr)
            return 1
        js = js.replace(old, new)
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        f.write(js)
    return 0


if __name__ == "__main__":
    sys.exit(main())
