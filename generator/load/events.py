"""YAML events → node graph, without recursion, and no deeper than :data:`MAX_DEPTH`.

PyYAML's composer (and libyaml's, in C) builds nodes by calling itself once per level of
nesting: a file of a few thousand ``[`` exhausts Python's recursion limit, and a hundred
thousand crash the interpreter outright (C stack overflow). Its *parser* keeps an explicit
stack, though, so reading events is safe at any depth. This composer consumes those events
with a stack of its own and stops at the first collection past :data:`MAX_DEPTH`, long
before anything could recurse; it also refuses an alias that points into the collection
still being built (``&a [*a]``), which would make the data infinite.

An alias leaves no node of its own (the collection holds the anchored node again), so the
composer can also note where each alias was written (:data:`AliasUses`): that is the place
to show when aliases copy too much.

Nodes, tags, marks and error messages are those of PyYAML's ``Composer``, so everything
downstream (the builder, positions, syntax messages) sees no difference.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.composer import ComposerError

from generator.errors import FieldPath

MAX_DEPTH = 50
"""Deepest nesting of lists and maps a plan may have (the richest example has 10).

Far below Python's recursion limit, so that the loader, the model and every stage after
them can walk the data recursively; a deeper file is a typing mistake (an unclosed ``[``,
runaway indentation) or an attack, and is refused with its place.
"""


class TooDeep(Exception):
    """A collection past :data:`MAX_DEPTH`, where it starts, at which field."""

    def __init__(self, mark: yaml.Mark, path: FieldPath) -> None:
        super().__init__(path)
        self.mark = mark
        self.path = path


class RecursiveAlias(Exception):
    """An alias (``*name``) used inside the very collection its anchor (``&name``) opens."""

    def __init__(self, mark: yaml.Mark, anchor: str, path: FieldPath) -> None:
        super().__init__(anchor)
        self.mark = mark
        self.anchor = anchor
        self.path = path


@dataclass(frozen=True)
class AliasUse:
    """An alias as written: where (``*name``), and the anchor it names."""

    mark: yaml.Mark
    anchor: str


AliasUses = dict[tuple[yaml.Node, int], AliasUse]
"""The aliases of a document by the place they fill: ``(collection, slot)``.

The slot of a sequence item is its index; of a mapping's ``i``-th key ``2i``, of its value
``2i + 1``.
"""


@dataclass
class _Open:
    """A collection being filled: its node, and a mapping's key waiting for its value."""

    node: yaml.CollectionNode
    key: yaml.Node | None = None
    path_part: str | int = 0


@dataclass
class _State:
    """Everything one document's composition keeps between events."""

    anchors: dict[str, yaml.Node] = field(default_factory=dict)
    stack: list[_Open] = field(default_factory=list)
    root: yaml.Node | None = None
    aliases: AliasUses = field(default_factory=dict)


def nodes_from_events(loader: Any, aliases: AliasUses | None = None) -> yaml.Node | None:
    """The single document of a PyYAML loader (``SafeLoader`` or ``CSafeLoader``) as nodes.

    Same contract as ``yaml.compose``: ``None`` for an empty stream, ``ComposerError`` for
    a second document, an undefined or duplicate anchor; then :class:`TooDeep` and
    :class:`RecursiveAlias` for what PyYAML would have recursed on. Where each alias was
    written goes into ``aliases``, when given.
    """
    try:
        loader.get_event()  # stream start
        if loader.check_event(yaml.StreamEndEvent):
            return None
        root = _document(loader, _State() if aliases is None else _State(aliases=aliases))
        if not loader.check_event(yaml.StreamEndEvent):
            event = loader.get_event()
            raise ComposerError("expected a single document in the stream", root.start_mark,
                                "but found another document", event.start_mark)
        return root
    finally:
        loader.dispose()


def _document(loader: Any, state: _State) -> yaml.Node:
    loader.get_event()  # document start
    while True:
        event = loader.get_event()
        if isinstance(event, yaml.DocumentEndEvent):
            break
        _take(loader, state, event)
    assert state.root is not None  # a document always holds a node
    return state.root


def _take(loader: Any, state: _State, event: Any) -> None:
    """One event: open a collection, close one, or place a scalar or an alias."""
    if isinstance(event, yaml.AliasEvent):
        _place(state, _alias(state, event))
    elif isinstance(event, yaml.ScalarEvent):
        _place(state, _scalar(loader, state, event))
    elif isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
        _open(loader, state, event)
    else:  # the end of the innermost collection
        done = state.stack.pop().node
        done.end_mark = event.end_mark
        _place(state, done)


def _scalar(loader: Any, state: _State, event: Any) -> yaml.ScalarNode:
    _note_anchor(state, event)
    tag = event.tag
    if tag is None or tag == "!":
        tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
    node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
    _register(state, event, node)
    return node


def _open(loader: Any, state: _State, event: Any) -> None:
    _note_anchor(state, event)
    kind = yaml.SequenceNode if isinstance(event, yaml.SequenceStartEvent) else yaml.MappingNode
    tag = event.tag
    if tag is None or tag == "!":
        tag = loader.resolve(kind, None, event.implicit)
    node = kind(tag, [], event.start_mark, None, flow_style=event.flow_style)
    _register(state, event, node)
    part = _next_part(state)
    if len(state.stack) >= MAX_DEPTH:
        raise TooDeep(event.start_mark, _path_to_next(state))
    state.stack.append(_Open(node, path_part=part))


def _alias(state: _State, event: Any) -> yaml.Node:
    anchor = str(event.anchor)
    if anchor not in state.anchors:
        raise ComposerError(None, None, f"found undefined alias {anchor!r}", event.start_mark)
    node = state.anchors[anchor]
    if any(entry.node is node for entry in state.stack):
        raise RecursiveAlias(event.start_mark, anchor, _path_to_next(state))
    # An anchor comes before its alias in the same document: a collection is open.
    state.aliases[(state.stack[-1].node, _next_slot(state))] = AliasUse(event.start_mark, anchor)
    return node


def _note_anchor(state: _State, event: Any) -> None:
    anchor = event.anchor
    if anchor is not None and anchor in state.anchors:
        raise ComposerError(f"found duplicate anchor {anchor!r}; first occurrence",
                            state.anchors[anchor].start_mark, "second occurrence",
                            event.start_mark)


def _register(state: _State, event: Any, node: yaml.Node) -> None:
    if event.anchor is not None:
        state.anchors[event.anchor] = node


def _place(state: _State, node: yaml.Node) -> None:
    """Put a finished node into the collection around it (or make it the root)."""
    if not state.stack:
        state.root = node
        return
    top = state.stack[-1]
    if isinstance(top.node, yaml.SequenceNode):
        top.node.value.append(node)
    elif top.key is None:
        top.key = node
    else:
        top.node.value.append((top.key, node))
        top.key = None


def _next_slot(state: _State) -> int:
    """The slot (see :data:`AliasUses`) of the node about to be placed in the top collection."""
    top = state.stack[-1]
    if isinstance(top.node, yaml.SequenceNode):
        return len(top.node.value)
    return 2 * len(top.node.value) + (top.key is not None)


def _next_part(state: _State) -> str | int:
    """The path part of the node about to be placed: its key, or its index."""
    if not state.stack:
        return ""
    top = state.stack[-1]
    if isinstance(top.node, yaml.SequenceNode):
        return len(top.node.value)
    if top.key is None:
        return ""  # a key is being composed: the position is the mapping's
    return str(top.key.value) if isinstance(top.key, yaml.ScalarNode) else "?"


def _path_to_next(state: _State) -> FieldPath:
    """The field path of the node about to be placed (only when reporting a problem)."""
    parts = [entry.path_part for entry in state.stack[1:]] + [_next_part(state)]
    return tuple(part for part in parts if part != "")
