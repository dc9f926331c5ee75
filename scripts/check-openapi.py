#!/usr/bin/env python3
"""Checks that docs/openapi.yaml is in step with the routes the code registers.

Usage: scripts/check-openapi.py [--root DIR] [--spec FILE] [--require-validator]

1. Extracts every route registered in Sources/LoaServer/**/*.swift, that is every call such as
   `router.get("/v1/messages/:id")`, `router.post("/v1/dossier-events")` or
   `router.on("/x", method: .get)` whose path literal starts with "/", and turns Hummingbird's
   `:id` parameters into OpenAPI's `{id}`.
2. Reads the paths and methods of the OpenAPI document (with PyYAML when it is installed, else
   with a small reader that understands this document's block layout).
3. Prints each route missing from the document and each documented operation the code does
   not register.
4. When `openapi_spec_validator` is importable, validates the document; when
   `openapi_schema_validator` is too, checks every example that sits next to a schema against it.
5. Checks that the `procedure` enum of `DossierEvent` lists exactly the keys of
   config/procedures.yaml (with PyYAML), so that the document and the code refuse the same values.

Exits 0 when everything matches, 1 on a mismatch or an invalid document, 2 when a file is
missing or the document cannot be read. Needs only the standard library.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

# `.get("/path"`, `.post("/path"` ... on any receiver (router, a group); `.on("/path", method: .get)`.
ROUTE_CALL = re.compile(r'\.(get|put|post|delete|options|head|patch)\s*\(\s*"(/[^"\\]*)"')
ON_CALL = re.compile(r'\.on\s*\(\s*"(/[^"\\]*)"\s*,\s*method:\s*\.(\w+)')
GROUP_CALL = re.compile(r'\.group\s*\(\s*"')


def strip_comments(source: str) -> str:
    """Swift source without // and /* */ comments (string literals with // are left alone)."""
    out = []
    i, n = 0, len(source)
    in_string = False
    depth = 0  # Swift block comments nest
    while i < n:
        if depth:
            if source.startswith("/*", i):
                depth += 1
                i += 2
            elif source.startswith("*/", i):
                depth -= 1
                i += 2
            else:
                if source[i] == "\n":
                    out.append("\n")
                i += 1
            continue
        ch = source[i]
        if in_string:
            out.append(ch)
            if ch == "\\" and i + 1 < n:
                out.append(source[i + 1])
                i += 2
                continue
            if ch == '"' or ch == "\n":
                in_string = False
            i += 1
            continue
        if source.startswith("//", i):
            end = source.find("\n", i)
            i = n if end < 0 else end
            continue
        if source.startswith("/*", i):
            depth = 1
            i += 2
            continue
        if ch == '"':
            in_string = True
        out.append(ch)
        i += 1
    return "".join(out)


def to_openapi_path(path: str) -> str:
    """`/v1/messages/:id` -> `/v1/messages/{id}`; `{id}` stays; no trailing slash."""
    segments = []
    for segment in path.split("/"):
        if segment.startswith(":"):
            segment = "{" + segment[1:] + "}"
        segments.append(segment)
    converted = "/".join(segments)
    if len(converted) > 1:
        converted = converted.rstrip("/")
    return converted


def code_routes(sources: Path) -> tuple[dict[tuple[str, str], list[str]], list[str]]:
    """(method, path) -> where it is registered; plus warnings."""
    routes: dict[tuple[str, str], list[str]] = {}
    warnings: list[str] = []
    for file in sorted(sources.rglob("*.swift")):
        text = strip_comments(file.read_text(encoding="utf-8"))
        try:
            relative = file.relative_to(sources.parent.parent).as_posix()
        except ValueError:
            relative = file.as_posix()
        for match in ROUTE_CALL.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            key = (match.group(1).lower(), to_openapi_path(match.group(2)))
            routes.setdefault(key, []).append(f"{relative}:{line}")
        for match in ON_CALL.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            key = (match.group(2).lower(), to_openapi_path(match.group(1)))
            routes.setdefault(key, []).append(f"{relative}:{line}")
        for match in GROUP_CALL.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            warnings.append(
                f"warning: {relative}:{line} uses a route group; its prefix is not applied to the "
                "routes found in it, so extend this script before relying on it")
    return routes, warnings


def load_document(spec: Path):
    """The parsed document as a dict, or None when PyYAML is missing."""
    try:
        import yaml  # type: ignore
    except ImportError:
        return None
    with spec.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def spec_operations_fallback(spec: Path) -> set[tuple[str, str]]:
    """Paths and methods read line by line: keys indented 2 under `paths:`, methods indented 4."""
    operations: set[tuple[str, str]] = set()
    in_paths = False
    current = None
    for raw in spec.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        indent = len(raw) - len(raw.lstrip(" "))
        if indent == 0:
            in_paths = raw.rstrip() == "paths:"
            current = None
            continue
        if not in_paths:
            continue
        key = raw.strip().split(":", 1)[0].strip("'\"")
        if indent == 2 and key.startswith("/"):
            current = key
        elif indent == 4 and current and key in HTTP_METHODS:
            operations.add((key, current))
    return operations


def spec_operations(document) -> set[tuple[str, str]]:
    operations: set[tuple[str, str]] = set()
    for path, item in (document.get("paths") or {}).items():
        for method in HTTP_METHODS:
            if isinstance(item, dict) and method in item:
                operations.add((method, str(path)))
    return operations


def validate_document(spec: Path, document, require: bool) -> bool:
    try:
        from openapi_spec_validator import validate  # type: ignore
    except ImportError:
        try:
            from openapi_spec_validator import validate_spec as validate  # type: ignore  # older releases
        except ImportError:
            message = "openapi_spec_validator is not installed; the document was not validated"
            print(("error: " if require else "note: ") + message)
            return not require
    if document is None:
        print("note: PyYAML is not installed; the document was not validated")
        return not require
    try:
        validate(document)
    except Exception as error:  # the validator raises several error types
        print(f"error: {spec} is not a valid OpenAPI document: {error}")
        return False
    print(f"{spec}: valid OpenAPI {document.get('openapi', '?')}")
    return True


def resolve(document, node):
    """Follows local `$ref`s."""
    seen = 0
    while isinstance(node, dict) and "$ref" in node and seen < 32:
        reference = node["$ref"]
        if not reference.startswith("#/"):
            return node
        node = document
        for part in reference[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        seen += 1
    return node


def check_examples(document) -> bool:
    """Checks the examples of every media type and parameter against their schemas."""
    try:
        from openapi_schema_validator import OAS30Validator, OAS31Validator  # type: ignore
    except ImportError:
        return True
    version = str(document.get("openapi", "3.0"))
    validator_class = OAS31Validator if version.startswith("3.1") else OAS30Validator
    try:
        from jsonschema import FormatChecker  # type: ignore
        format_checker = FormatChecker()
    except ImportError:
        format_checker = None
    failures = 0
    checked = 0

    def check(where: str, schema, example):
        nonlocal failures, checked
        # The schema sits beside the document's components, so its `#/components/...` refs resolve.
        root = {"$ref": "#/x-example-schema", "x-example-schema": schema,
                "components": document.get("components", {})}
        checked += 1
        try:
            validator = validator_class(root, format_checker=format_checker)
            errors = sorted(validator.iter_errors(example), key=lambda e: [str(p) for p in e.absolute_path])
        except Exception as error:  # an unresolvable $ref, a bad pattern
            failures += 1
            print(f"error: example {where}: cannot check it against its schema: {error}")
            return
        for error in errors[:3]:
            failures += 1
            while error.context:  # oneOf/anyOf: show the deepest problem among the branches
                error = max(error.context, key=lambda e: len(list(e.absolute_path)))
            location = "/".join(str(p) for p in error.absolute_path) or "(root)"
            print(f"error: example {where} at {location}: {error.message[:200]}")

    def visit_content(where: str, content):
        for media, entry in (content or {}).items():
            entry = resolve(document, entry)
            schema = entry.get("schema")
            if schema is None:
                continue
            if "example" in entry:
                check(f"{where} {media}", schema, entry["example"])
            for name, example in (entry.get("examples") or {}).items():
                example = resolve(document, example)
                if "value" in example:
                    check(f"{where} {media} '{name}'", schema, example["value"])

    for path, item in (document.get("paths") or {}).items():
        for method in HTTP_METHODS:
            operation = item.get(method) if isinstance(item, dict) else None
            if not operation:
                continue
            where = f"{method.upper()} {path}"
            parameters = list(item.get("parameters") or []) + list(operation.get("parameters") or [])
            for parameter in parameters:
                parameter = resolve(document, parameter)
                if "example" in parameter and "schema" in parameter:
                    check(f"{where} parameter {parameter.get('name')}", parameter["schema"], parameter["example"])
            body = resolve(document, operation.get("requestBody") or {})
            visit_content(f"{where} request", body.get("content"))
            for status, response in (operation.get("responses") or {}).items():
                response = resolve(document, response)
                visit_content(f"{where} {status}", response.get("content"))
    if failures:
        print(f"error: {failures} example problem(s) in {checked} example(s)")
    return failures == 0


def check_procedures(document, procedures_file: Path) -> bool:
    """The `procedure` enum of DossierEvent lists exactly the procedure keys Loa ships."""
    try:
        import yaml  # type: ignore
    except ImportError:
        print("note: PyYAML is not installed; the procedure list was not compared")
        return True
    try:
        keys = set((yaml.safe_load(procedures_file.read_text(encoding="utf-8")) or {}).get("procedures") or {})
    except (OSError, yaml.YAMLError) as error:
        print(f"error: cannot read {procedures_file}: {error}")
        return False
    try:
        schema = document["components"]["schemas"]["DossierEvent"]["properties"]["procedure"]
    except (KeyError, TypeError):
        print("error: the document has no components.schemas.DossierEvent.properties.procedure")
        return False
    documented = set(schema.get("enum") or [])
    ok = True
    for key in sorted(keys - documented):
        print(f"missing from the procedure enum: {key} (a key of {procedures_file.name})")
        ok = False
    for key in sorted(documented - keys):
        print(f"in the procedure enum but not in {procedures_file.name}: {key}")
        ok = False
    if ok:
        print(f"procedures: the enum lists the {len(keys)} keys of {procedures_file.name}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description="Check docs/openapi.yaml against the routes in the code.")
    default_root = Path(__file__).resolve().parent.parent
    parser.add_argument("--root", type=Path, default=default_root, help="repository root")
    parser.add_argument("--spec", type=Path, help="OpenAPI document (default ROOT/docs/openapi.yaml)")
    parser.add_argument("--sources", type=Path, help="route sources (default ROOT/Sources/LoaServer)")
    parser.add_argument("--require-validator", action="store_true",
                        help="fail when PyYAML or openapi_spec_validator is not installed")
    arguments = parser.parse_args()

    root = arguments.root
    spec = arguments.spec or root / "docs" / "openapi.yaml"
    sources = arguments.sources or root / "Sources" / "LoaServer"
    if not spec.is_file():
        print(f"error: no OpenAPI document at {spec}")
        return 2
    if not sources.is_dir():
        print(f"error: no sources at {sources}")
        return 2

    routes, warnings = code_routes(sources)
    for warning in warnings:
        print(warning)
    if not routes:
        print(f"error: found no route registrations under {sources}")
        return 1

    try:
        document = load_document(spec)
    except Exception as error:
        print(f"error: cannot read {spec}: {error}")
        return 2
    if document is None:
        print("note: PyYAML is not installed; reading paths line by line")
        documented = spec_operations_fallback(spec)
    elif not isinstance(document, dict):
        print(f"error: {spec} is not a YAML mapping")
        return 2
    else:
        documented = spec_operations(document)

    ok = True
    implemented = set(routes)
    for method, path in sorted(implemented - documented, key=lambda k: (k[1], k[0])):
        print(f"missing from {spec.name}: {method.upper()} {path} (registered at {', '.join(routes[(method, path)])})")
        ok = False
    for method, path in sorted(documented - implemented, key=lambda k: (k[1], k[0])):
        print(f"documented but not registered in the code: {method.upper()} {path}")
        ok = False
    if ok:
        print(f"routes: all {len(implemented)} registered operations are documented, and no others")

    if not validate_document(spec, document, arguments.require_validator):
        ok = False
    if document is not None and not check_examples(document):
        ok = False
    if document is not None and not check_procedures(document, root / "config" / "procedures.yaml"):
        ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
