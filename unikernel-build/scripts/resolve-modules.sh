#!/bin/sh
# resolve-modules.sh <kernel-version> <module>... : prints the .ko paths (relative to
# /lib/modules/<v>) to insmod, dependencies first, each once. A module built into the kernel
# (modules.builtin) is skipped; one that is neither is an error. modules.dep lists each
# module's full dependency closure; visiting dependencies depth-first before the module
# gives a valid load order without trusting the order inside a line.
set -eu
version="$1"; shift
base="/lib/modules/$version"
dep="$base/modules.dep"
builtin="$base/modules.builtin"
seen=" "

path_of() {  # module name (dash or underscore) -> path in modules.dep, or nothing
    name=$(echo "$1" | tr '-' '_')
    awk -F: -v want="$name" '{
        n = $1; sub(/.*\//, "", n); sub(/\.ko(\.(xz|zst|gz))?$/, "", n); gsub(/-/, "_", n);
        if (n == want) { print $1; exit }
    }' "$dep"
}

visit() {  # visit <path>
    case "$seen" in *" $1 "*) return ;; esac
    deps=$(awk -F: -v want="$1" '$1 == want { print $2; exit }' "$dep")
    for d in $deps; do visit "$d"; done
    seen="$seen$1 "
    echo "$1"
}

for module in "$@"; do
    path=$(path_of "$module")
    if [ -n "$path" ]; then
        visit "$path"
    elif grep -Eq "/$(echo "$module" | tr '_' '-')\.ko$|/$(echo "$module" | tr '-' '_')\.ko$" "$builtin"; then
        echo "resolve-modules: $module is built in" >&2
    else
        echo "resolve-modules: module $module not found for kernel $version" >&2
        exit 1
    fi
done
