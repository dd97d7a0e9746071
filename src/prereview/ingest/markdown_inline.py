"""Inline Markdown to the text a reader sees, with the way back to source lines.

The inline renderer follows the source with a cursor while it strips markup, and
keeps one ``\\n`` in the text for every source newline it passes (soft breaks,
but also newlines inside code spans, raw HTML and link destinations), so text
line ``i`` of a block is source line ``anchor.line + i`` and a character offset
maps back to an exact line and column (``locate_lines``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markdown_it.token import Token


@dataclass
class Rendered:
    text: str = ""
    code: list[tuple[int, int]] = field(default_factory=list)
    """Offsets in ``text`` of inline code spans."""
    comments: list[str] = field(default_factory=list)
    """Inline HTML comments: invisible when rendered, kept for the injection check."""
    marks: list[tuple[str, int, int, str | None]] = field(default_factory=list)
    """``(kind, start, end, href)``: strong, em and link ranges and hard breaks
    (``break`` at the offset of its ``\\n``), for renderings of the draft."""
    line_pos: list[int] = field(default_factory=lambda: [0])
    """For each rendered line, the offset in the inline source of its first
    visible character (or of the line start when it has none)."""


class _InlineRenderer:
    """Visible text of one inline token, following its source with a cursor."""

    def __init__(self, src: str) -> None:
        self.src = src
        self.pos = 0
        self.out: list[str] = []
        self.line_pos: list[int] = [0]
        self.line_has_char = [False]
        self.links: list[str] = []
        self.code: list[tuple[int, int]] = []
        self.comments: list[str] = []
        self.length = 0
        self.marks: list[tuple[str, int, int, str | None]] = []
        self.open_marks: list[tuple[str, int, str | None]] = []

    # ---------------------------------------------------------------- cursor

    def _line_end(self) -> int:
        end = self.src.find("\n", self.pos)
        return len(self.src) if end < 0 else end

    def _newline_at(self, nl: int) -> None:
        start = nl + 1
        while start < len(self.src) and self.src[start] in " \t":
            start += 1
        self.out.append("\n")
        self.length += 1
        self.line_pos.append(start)
        self.line_has_char.append(False)
        self.pos = nl + 1

    def _sync_to(self, target: int) -> None:
        """Move the cursor to ``target``, keeping one text newline per source one."""
        target = min(target, len(self.src))
        while True:
            nl = self.src.find("\n", self.pos, target)
            if nl < 0:
                break
            self._newline_at(nl)
        self.pos = max(self.pos, target)

    def _emit(self, text: str, at: int | None) -> None:
        if not text:
            return
        if at is not None and not self.line_has_char[-1]:
            self.line_pos[-1] = at
            self.line_has_char[-1] = True
        self.out.append(text)
        self.length += len(text)

    def _seek(self, text: str) -> int | None:
        """Find rendered ``text`` in the current source line; escapes and entities
        make it differ from the source, so fall back to aligning char by char."""
        end = self._line_end()
        idx = self.src.find(text, self.pos, end)
        if idx >= 0:
            self.pos = idx + len(text)
            return idx
        first: int | None = None
        p = self.pos
        for ch in text:
            j = self.src.find(ch, p, end)
            if j < 0:
                continue
            if first is None:
                first = j
            p = j + 1
        self.pos = p
        return first

    def _skip_ws(self, k: int) -> int:
        while k < len(self.src) and self.src[k] in " \t\n":
            k += 1
        return k

    def _skip_link_tail(self) -> None:
        """Step over ``](destination "title")`` or ``][ref]`` after a link label."""
        src = self.src
        close = src.find("]", self.pos)
        if close < 0:
            return
        k = close + 1
        if k < len(src) and src[k] == "(":
            k = self._skip_ws(k + 1)
            if k < len(src) and src[k] == "<":
                gt = src.find(">", k)
                k = gt + 1 if gt >= 0 else k
            else:
                depth = 0
                while k < len(src):
                    ch = src[k]
                    if ch == "\\":
                        k += 2
                        continue
                    if ch in " \t\n":
                        break
                    if ch == "(":
                        depth += 1
                    elif ch == ")":
                        if depth == 0:
                            break
                        depth -= 1
                    k += 1
            k = self._skip_ws(k)
            if k < len(src) and src[k] in "\"'(":
                closer = ")" if src[k] == "(" else src[k]
                end = src.find(closer, k + 1)
                k = end + 1 if end >= 0 else k
                k = self._skip_ws(k)
            if k < len(src) and src[k] == ")":
                k += 1
        elif k < len(src) and src[k] == "[":
            end = src.find("]", k)
            k = end + 1 if end >= 0 else k
        self._sync_to(k)

    # ---------------------------------------------------------------- tokens

    def _code_inline(self, child: Token) -> None:
        marker = child.markup or "`"
        src = self.src
        start = src.find(marker, self.pos)
        close = -1
        if start >= 0:
            k = start + len(marker)
            while True:
                close = src.find(marker, k)
                if close < 0:
                    break
                before = src[close - 1] if close > 0 else ""
                after = src[close + len(marker) : close + len(marker) + 1]
                if before != "`" and after != "`":
                    break
                k = close + 1
        code_start = self.length
        if start < 0 or close < 0:
            self._emit(child.content, self._seek(child.content))
            self.code.append((code_start, self.length))
            return
        self._sync_to(start)
        raw_start, raw_end = start + len(marker), close
        raw = src[raw_start:raw_end]
        flat = raw.replace("\n", " ")
        if flat.startswith(" ") and flat.endswith(" ") and flat.strip(" "):
            if raw[0] == " ":
                raw_start += 1
            if raw[-1] == " ":
                raw_end -= 1
        piece_start = raw_start
        while True:
            nl = src.find("\n", piece_start, raw_end)
            piece_end = raw_end if nl < 0 else nl
            self._emit(src[piece_start:piece_end], piece_start)
            if nl < 0:
                break
            self.pos = piece_end
            self._newline_at(nl)
            piece_start = nl + 1
        self.pos = close + len(marker)
        self.code.append((code_start, self.length))

    def render(self, children: list[Token]) -> None:
        for child in children:
            ctype = child.type
            if ctype in ("text", "text_special"):
                content = child.content.replace("\r", " ").replace("\n", " ")
                self._emit(content, self._seek(content))
            elif ctype in ("softbreak", "hardbreak"):
                nl = self.src.find("\n", self.pos)
                if nl < 0:
                    self.out.append("\n")
                    self.length += 1
                    self.line_pos.append(self.pos)
                    self.line_has_char.append(False)
                else:
                    self._sync_to(nl + 1)
                if ctype == "hardbreak":
                    self.marks.append(("break", self.length - 1, self.length, None))
            elif ctype in ("strong_open", "em_open"):
                self.open_marks.append((ctype[:-5], self.length, None))
            elif ctype in ("strong_close", "em_close"):
                self._close_mark()
            elif ctype == "code_inline":
                self._code_inline(child)
            elif ctype == "html_inline":
                if child.content.lstrip().startswith("<!--"):
                    self.comments.append(child.content)
                idx = self.src.find(child.content, self.pos)
                if idx >= 0:
                    self._sync_to(idx + len(child.content))
            elif ctype == "image":
                self.render(child.children or [])
                self._skip_link_tail()
            elif ctype == "link_open":
                self.links.append(child.markup)
                href = child.attrs.get("href")
                self.open_marks.append(("link", self.length, str(href) if href else None))
            elif ctype == "link_close":
                self._link_close()

    def _close_mark(self) -> None:
        """Close the innermost open strong/em/link (markdown-it nests them)."""
        if not self.open_marks:
            return
        kind, start, href = self.open_marks.pop()
        if self.length > start and (kind != "link" or href):
            self.marks.append((kind, start, self.length, href))

    def _link_close(self) -> None:
        self._close_mark()
        markup = self.links.pop() if self.links else ""
        if markup == "autolink":
            gt = self.src.find(">", self.pos, self._line_end())
            self.pos = gt + 1 if gt >= 0 else self.pos
        else:
            self._skip_link_tail()

    def result(self) -> Rendered:
        return Rendered(text="".join(self.out), code=self.code, comments=self.comments,
                         line_pos=self.line_pos, marks=self.marks)


def render_inline(token: Token) -> Rendered:
    children = token.children or []
    content = token.content
    if (len(children) == 1 and children[0].type == "text" and children[0].content == content
            and "\n" not in content and "\r" not in content):
        # plain text on one line (half the corpus's blocks): what the renderer
        # would give, the text as is from the line's first character
        return Rendered(text=content)
    renderer = _InlineRenderer(content)
    renderer.render(token.children or [])
    return renderer.result()


def _content_offset(source: str, content: str, hint: int | None = None) -> int:
    """0-based column where ``content`` (a line of a token's source, container
    markers and indentation removed) starts in its ``source`` line."""
    stripped = content.strip()
    if not stripped:
        if content and source.endswith(content):
            return len(source) - len(content)
        return len(source) - len(source.lstrip())
    lead = len(content) - len(content.lstrip())
    if hint is None:
        tail = content.rstrip()
        src_tail = source.rstrip()
        if src_tail.endswith(tail):
            return len(src_tail) - len(tail)
        hint = 0
    found = source.find(stripped, hint)
    if found >= 0:
        return max(0, found - lead)
    return len(source) - len(source.lstrip())


def locate_lines(
    rendered: Rendered, src: str, first_line: int, lines: list[str], hint: int | None = None
) -> tuple[list[int], list[int]]:
    """(line_starts, line_columns) of a rendered inline token whose source
    starts on 1-based ``first_line``. ``line_starts`` is empty when the text lines
    follow the source lines one to one (the usual case)."""
    src_lines = src.split("\n")
    offsets: dict[int, int] = {}
    starts: list[int] = []
    columns: list[int] = []
    for pos in rendered.line_pos:
        j = src.count("\n", 0, pos)
        line_start = src.rfind("\n", 0, pos) + 1
        idx = first_line - 1 + j
        source = lines[idx] if 0 <= idx < len(lines) else ""
        if j not in offsets:
            content = src_lines[j] if j < len(src_lines) else ""
            offsets[j] = _content_offset(source, content, hint)
        starts.append(first_line + j)
        columns.append(offsets[j] + (pos - line_start) + 1)
    if starts == list(range(first_line, first_line + len(starts))):
        starts = []
    return starts, columns


def code_columns(text: str, first_line: int, lines: list[str]) -> list[int]:
    columns: list[int] = []
    for i, content in enumerate(text.split("\n")):
        idx = first_line - 1 + i
        source = lines[idx] if 0 <= idx < len(lines) else ""
        columns.append(_content_offset(source, content) + 1)
    return columns
