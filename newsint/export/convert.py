"""One converter from the model's dataclasses to the plain dicts the exports write.

`as_dict` reads an object's fields (`dataclasses.fields`) in the order the export wants them; what an export
form renames, converts, leaves out or adds is said in its arguments rather than by writing every field again.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import fields
from datetime import date
from typing import Any

#: A converter: a field's value to its export form.
Convert = Callable[[Any], Any]


def as_dict(
    obj: Any,
    keys: Sequence[str] | None = None,
    *,
    drop: Collection[str] = (),
    rename: Mapping[str, str] | None = None,
    convert: Mapping[str, Convert] | None = None,
    extra: Mapping[str, Any] | None = None,
    omit_none: Collection[str] = (),
) -> dict[str, Any]:
    """A dataclass instance as a dict whose key order is the export's.

    `keys` are the names in order (default: every field in declaration order, then the names in `extra` that are
    not fields), less `drop`. A name's value is `extra[name]` when given there, else the field's value passed
    through `convert[name]` when there is one; its key is `rename[name]` or the name itself. Names in `omit_none`
    are left out when their value is None.
    """
    extra = extra or {}
    if keys is None:
        names = [f.name for f in fields(obj)]
        keys = names + [name for name in extra if name not in names]
    rename, convert = rename or {}, convert or {}
    found: dict[str, Any] = {}
    for name in keys:
        if name in drop:
            continue
        if name in extra:
            value = extra[name]
        else:
            value = getattr(obj, name)
            if name in convert:
                value = convert[name](value)
        if value is None and name in omit_none:
            continue
        found[rename.get(name, name)] = value
    return found


def field_names(cls: type, drop: Collection[str] = ()) -> tuple[str, ...]:
    """A dataclass's field names in declaration order, less `drop`."""
    return tuple(f.name for f in fields(cls) if f.name not in drop)


def or_none(value: Any) -> Any:
    """Empty values ("", 0, empty tuples) as null, the way the exports write what is not known."""
    return value or None


def isoformat(day: date | None) -> str | None:
    """A date as YYYY-MM-DD, or null."""
    return day.isoformat() if day else None
