"""The guard on a clerk's template: every limit bites, ordinary templates render as before."""

from __future__ import annotations

import itertools
import tracemalloc
from typing import Any

import pytest
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from generator.errors import KeHoachError
from generator.render.template import guard
from generator.render.template.compile import compile_part
from generator.render.template.guard import GuardedEnvironment

CONTEXT: dict[str, Any] = {"ho_ten": Markup("Nguyễn Văn A"),
                           "ten_co_quan": [Markup("ỦY BAN NHÂN DÂN"), Markup("XÃ TÂN AN")],
                           "noi_nhan": [Markup("- Như trên;"), Markup("- Lưu: VT.")]}


def rendered(text: str) -> str:
    template, _ = compile_part(GuardedEnvironment(), text, "mau.docx", "word/document.xml")
    return template.render(CONTEXT)


def refusal(text: str) -> str:
    """The message of the clerk's error ``text`` makes."""
    with pytest.raises(KeHoachError) as info:
        rendered(text)
    [problem] = info.value.diagnostics
    assert problem.file == "mau.docx"
    assert problem.message.startswith("Mẫu trình bày lỗi: ")
    return problem.message


ORDINARY = [
    "{{ ho_ten }} {{ ho_ten|upper }} {{ ho_ten|replace('A', 'B') }}",
    "{% for dong in ten_co_quan %}{{ loop.index }}/{{ loop.length }} {{ dong }};{% endfor %}",
    "{{ ten_co_quan|join(', ') }} {{ ', '.join(ten_co_quan) }} {{ noi_nhan|length }}",
    "{{ 'Số: ' ~ ho_ten ~ '<b>' }} {{ '<i>' ~ 'x' }}",
    "{% autoescape false %}{{ '<b>' ~ ho_ten }}{% endautoescape %}",
    "{{ '%s - %05.1f' % (ho_ten, 3.14159) }} {{ '{:>10}|{}'.format(ho_ten, 2) }}",
    "{{ '%-8s|'|format('ab') }} {{ 'ab'|center(9) }} {{ 'a\nb'|indent(2, true) }}",
    "{% macro m(x) %}[{{ x }}]{% endmacro %}{% macro c() %}({{ caller() }}){% endmacro %}"
    "{{ m(1) }}{% call c() %}c{% endcall %}",
    "{% set ns = namespace(n=0) %}{% for i in range(5) %}{% set ns.n = ns.n + i %}"
    "{% endfor %}{{ ns.n }} {{ 2 ** 10 }} {{ 7 * 6 }} {{ [1, 2] * 2 }} {{ 'ab' * 3 }}",
    "{% for x in [[1, [2]], [3]] recursive %}<{{ x if x is number else loop(x) }}>"
    "{% endfor %}",
    "{% set s %}{% for i in range(3) %}x{% endfor %}{% endset %}{{ s }}{{ s|length }}",
    "{% filter upper %}chữ {{ ho_ten }}{% endfilter %} {{ range(3)|map('string')|join }}",
    "{{ (noi_nhan|first).replace('Như', 'Gửi') }} {{ ho_ten.split(' ')|last }}",
    "{% for a, b in [(1, 2), (3, 4)] if a > 1 %}{{ a }}{{ b }}{% else %}không{% endfor %}",
    "{% macro m(l) %}{{ l.index }}/{{ l.length }}{% endmacro %}"
    "{% for x in noi_nhan %}{{ m(loop) }}{{ loop.cycle('a', 'b') }}{% endfor %}",
    "{% for i in range(10, 0, -3) %}{{ i }}{% endfor %}{{ range(5)|reverse|list }}",
    "{{ '%*s|%.*f|%-6.2f|%c' % (5, ho_ten, 2, 3.14159, 2.5, 65) }} {{ '%(a)s %(b)05d %%' % "
    "{'a': ho_ten, 'b': 7} }} {{ '%d%%'|format(5) }} {{ '%(x)s'|format(x=ho_ten) }}",
    "{{ '{0:{1}}|{0:>{1}.{2}}|{a!r:^9}'.format(ho_ten, 12, 3, a='b') }} "
    "{{ '{a}-{b[0]}'.format_map({'a': ho_ten, 'b': noi_nhan}) }} "
    "{{ ('<b>{}</b>'|safe).format('<i>') }} {{ ho_ten.format() }}",
    "{{ {'a': [1, {'b': ho_ten}]}|tojson(indent=2) }} {{ [1]|tojson }}",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_an_ordinary_template_renders_as_jinja_renders_it(text: str) -> None:
    plain = SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)
    assert rendered(text) == plain.from_string(text).render(CONTEXT)


RUNAWAY = [
    ("{% for i in range(10**9) %}{% endfor %}", "range() quá dài: 1.000.000.000 số, tối đa 1.000"),
    ("{% for i in range(10**30) %}{% endfor %}", "range() quá dài: hơn 1.000.000.000.000.000 số"),
    ("{{ 'x'.center(10**30) }}", "số có khoảng 31 chữ số truyền cho lời gọi 'center' quá lớn"),
    ("{% for i in range(1000) %}{% for j in range(1000) %}{% endfor %}{% endfor %}",
     "các vòng lặp chạy quá 100.000 lượt"),
    ("{% for i in [0] * 100000 %}{% for j in [0] * 100000 %}{% endfor %}{% endfor %}",
     "các vòng lặp chạy quá 100.000 lượt"),
    ("{{ 'x' * 10**9 }}", "kết quả phép nhân '*' quá lớn (hơn 1.000.000 ký tự"),
    ("{{ ['x' * 1000] * 10000 }}", "kết quả phép nhân '*' quá lớn"),
    ("{{ 10**10**10 }}", "lũy thừa quá lớn"),
    ("{% set ns = namespace(n=3) %}{% for i in range(20) %}{% set ns.n = ns.n * ns.n %}"
     "{% endfor %}", "tích quá lớn"),
    ("{% set ns = namespace(v='ab') %}{% for i in range(100) %}{% set ns.v = ns.v ~ ns.v %}"
     "{% endfor %}", "kết quả phép nối '~' quá lớn"),
    ("{% set ns = namespace(v='ab') %}{% for i in range(100) %}{% set ns.v = ns.v + ns.v %}"
     "{% endfor %}", "kết quả phép '+' quá lớn"),
    ("{{ 'x'|center(10**9) }}", "số 1.000.000.000 truyền cho bộ lọc 'center' quá lớn"),
    ("{{ 'x'.ljust(10**9) }}", "số 1.000.000.000 truyền cho lời gọi 'ljust' quá lớn"),
    ("{% set a = 'x' * 1000000 %}{{ a|replace('x', 'yy') }}",
     "kết quả của bộ lọc 'replace' quá lớn"),
    ("{% set a = 'x' * 1000 %}{{ a.replace('', 'y' * 1000) }}",
     "kết quả của lời gọi 'replace' quá lớn"),
    ("{{ (['x'] * 1000)|join('z' * 1000) }}", "kết quả của bộ lọc 'join' quá lớn"),
    ("{{ ('z' * 1000).join(['x'] * 1000) }}", "kết quả của lời gọi 'join' quá lớn"),
    ("{{ ('x' * 1000)|wordwrap(1, true, 'w' * 1000) }}",
     "kết quả của bộ lọc 'wordwrap' quá lớn"),
    ("{{ ('\\n' * 1000)|indent('w' * 1000, blank=true) }}",
     "kết quả của bộ lọc 'indent' quá lớn"),
    ("{{ ('a' * 2000).translate({97: 'b' * 1000}) }}", "kết quả của lời gọi 'translate'"),
    ("{{ ('\\t' * 1000).expandtabs(1000) }}", "kết quả của lời gọi 'expandtabs'"),
    ("{{ '%1000000000s'|format('x') }}", "độ rộng trong bộ lọc 'format' quá lớn"),
    ("{{ '%1000000000s' % 'x' }}", "độ rộng trong định dạng '%' quá lớn"),
    ("{{ '%*s' % (10**9, 'x') }}", "số 1.000.000.000 truyền cho định dạng '%' quá lớn"),
    ("{{ '{:>1000000000}'.format('x') }}", "độ rộng trong định dạng format() quá lớn"),
    ("{{ ('%d' * 4000) % ((1e308,) * 4000) }}", "kết quả của định dạng '%' quá lớn"),
    ("{% set l = [1] %}{% for i in range(60) %}{{ l.extend(l) }}{% endfor %}",
     "truyền cho lời gọi 'extend' quá lớn"),
    ("{% set x = 'x' * 100000 %}{% set y = [x, x, x, x, x, x, x, x, x, x] %}"
     "{% set z = [y, y, y, y, y, y, y, y, y, y] %}{{ z }}", "giá trị in ra quá lớn"),
    ("{% set ns = namespace(v=1) %}{% for i in range(200) %}{% set ns.v = [ns.v] %}"
     "{% endfor %}{{ ns.v }}", "dữ liệu lồng nhau quá 100 tầng"),
    ("{% set s %}{% for i in range(300) %}{% for j in range(10) %}" + "A" * 2_000
     + "{% endfor %}{% endfor %}{% endset %}", "mẫu tạo ra quá 5.000.000 ký tự"),
    ("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(1) }}",
     "macro gọi lồng nhau quá 50 tầng"),
    ("{% for x in [[1]] recursive %}{{ loop([x, x]) }}{% endfor %}",
     "macro gọi lồng nhau quá 50 tầng"),
]


@pytest.mark.parametrize(("text", "said"), RUNAWAY, ids=[f"{i}" for i in range(len(RUNAWAY))])
def test_a_runaway_template_is_stopped_with_the_limit_it_passed(text: str, said: str) -> None:
    assert said in refusal(text)


FORMATS = [  # each built 100 MB or more before its result was looked at; some, gigabytes
    ("{{ '{0:{1}}'.format('x', '9' * 8) }}", "độ rộng trong định dạng format() quá lớn"),
    ("{{ '{a:{w}}'.format_map({'a': 'x', 'w': '9' * 8}) }}",
     "độ rộng trong định dạng format() quá lớn"),
    ("{{ ('{:>999999}' * 200).format(*(['x'] * 200)) }}", "kết quả của lời gọi 'format' quá lớn"),
    ("{{ ('{0}' * 1000).format('x' * 100000) }}", "kết quả của lời gọi 'format' quá lớn"),
    ("{{ ('{a}' * 1000).format_map({'a': 'x' * 100000}) }}",
     "kết quả của lời gọi 'format_map' quá lớn"),
    ("{{ ('%*s' * 200) % ((999999, 'x') * 200) }}", "kết quả của định dạng '%' quá lớn"),
    ("{{ ('%999999s' * 200) % (('x',) * 200) }}", "kết quả của định dạng '%' quá lớn"),
    ("{{ ('%.999999f' * 200) % ((1.5,) * 200) }}", "kết quả của định dạng '%' quá lớn"),
    ("{{ ('%(a)s' * 1000) % {'a': 'x' * 100000} }}", "kết quả của định dạng '%' quá lớn"),
    ("{{ ('%(a)s' * 1000)|format(a='x' * 100000) }}", "kết quả của bộ lọc 'format' quá lớn"),
    ("{{ ('%*s' * 200)|format(*((999999, 'x') * 200)) }}", "kết quả của bộ lọc 'format' quá lớn"),
    ("{{ range(100)|list|tojson(indent=999999) }}", "kết quả của bộ lọc 'tojson' quá lớn"),
]


@pytest.mark.parametrize(("text", "said"), FORMATS, ids=[f"{i}" for i in range(len(FORMATS))])
def test_a_format_is_refused_before_it_builds_its_result(text: str, said: str) -> None:
    """Widths given by a nested field or by ``*``, and fields that each stay within the limit
    but add up past it: refused before the text is built, not after."""
    tracemalloc.start()
    try:
        message = refusal(text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert said in message
    assert peak < 10_000_000


def test_the_limits_are_where_they_say() -> None:
    assert rendered("{{ range(1000)|length }}") == "1000"
    assert "range() quá dài: 1.001 số" in refusal("{{ range(1001)|length }}")
    assert rendered("{{ ('x' * 1000000)|length }}") == "1000000"
    assert "quá lớn" in refusal("{{ ('x' * 1000001)|length }}")
    depth = guard.MAX_CALL_DEPTH
    assert rendered("{% macro f(n) %}{{ f(n - 1) if n else 'đáy' }}{% endmacro %}"
                    f"{{{{ f({depth - 1}) }}}}") == "đáy"
    assert "nhau quá 50 tầng" in refusal(
        f"{{% macro f(n) %}}{{{{ f(n - 1) if n else 'đáy' }}}}{{% endmacro %}}{{{{ f({depth}) }}}}")
    loops = "{% for i in range(1000) %}{% for j in range(99) %}{% endfor %}{% endfor %}"
    assert rendered(loops) == ""  # 1,000 + 99,000 turns: exactly the budget


def test_a_render_past_the_time_limit_is_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fake clock a second further at each look: the limit passes after five."""
    seconds = itertools.count()
    monkeypatch.setattr(guard, "clock", lambda: float(next(seconds)))
    message = refusal("{% for i in range(100) %}{{ i }}{% endfor %}")
    assert "mẫu chạy quá 5 giây mà chưa xong (giới hạn thời gian)" in message


def test_the_budget_is_per_render() -> None:
    template, _ = compile_part(GuardedEnvironment(), "{% for i in range(900) %}"
                               "{% for j in range(100) %}{% endfor %}{% endfor %}", "mau.docx",
                               "word/document.xml")
    for _ in range(3):  # 90,900 turns each time: never adds up
        assert template.render(CONTEXT) == ""


def test_the_sizes_count_shared_parts_each_time_and_stop_at_the_limit() -> None:
    text = "x" * 1000
    assert guard.size_of([text, text]) == 2001
    assert guard.size_of({"a": [text]}) == 1003
    assert guard.size_of([[text] * 1000] * 1000) > guard.MAX_TEXT  # quickly, by stopping


def test_errors_of_the_template_name_the_paragraph_it_is_in() -> None:
    body = ("<w:body>\n<w:p><w:r><w:t>Tiêu đề</w:t></w:r></w:p>\n<w:p><w:r><w:t>Số &amp; "
            "{{ 1 / 0 }}</w:t></w:r></w:p></w:body>")
    template, _ = compile_part(GuardedEnvironment(), body, "mau.docx", "word/document.xml")
    with pytest.raises(KeHoachError) as info:
        template.render(CONTEXT)
    assert str(info.value) == (
        "mau.docx: lỗi: Mẫu trình bày lỗi: chia cho 0 (division by zero) — ở đoạn thứ 2 của "
        "thân văn bản: «Số & {{ 1 / 0 }}».\n    gợi ý: Sửa phép chia trong thẻ này.")


@pytest.mark.parametrize(("text", "said"), [
    ("{{ ho_ten + }}", "gặp 'end of print statement' ở chỗ không được phép"),
    ("{{ ho_ten|khong_co }}", "không có bộ lọc (filter) tên 'khong_co'"),
    ("{% if ho_ten is khong_co %}{% endif %}", "không có phép thử (test) tên 'khong_co'"),
    ("{% for x in noi_nhan %}", "thiếu thẻ đóng (endfor, endif…) trước cuối mẫu"),
    ("{% lap %}", "không có thẻ '{% lap %}'"),
    ("{% include 'khac.docx' %}", "thẻ {% include %} không được dùng"),
    ("{% import 'khac.docx' as k %}", "thẻ {% import %} không được dùng"),
    ("{% from 'khac.docx' import m %}", "thẻ {% from … import %} không được dùng"),
    ("{% extends 'khac.docx' %}", "thẻ {% extends %} không được dùng"),
    ("{{ " + "(" * 300 + "1" + ")" * 300 + " }}", "lồng nhau quá sâu"),
    ("{% for i in [1] %}" * 25 + "{% endfor %}" * 25, "lồng nhau quá sâu"),
])
def test_a_template_that_does_not_compile_is_told_before_rendering(text: str, said: str) -> None:
    with pytest.raises(KeHoachError) as info:
        compile_part(GuardedEnvironment(), text, "mau.docx", "word/document.xml")
    [problem] = info.value.diagnostics
    assert problem.file == "mau.docx"
    assert said in problem.message


@pytest.mark.parametrize(("text", "said"), [
    ("{{ 1 / 0 }}", "chia cho 0"),
    ("{{ 2.0 ** 10000 }}", "phép tính không làm được"),
    ("{{ ho_ten + 1 }}", "thẻ không chạy được (TypeError"),
    ("{{ ten_co_quan[9] }}", "dùng giá trị không có"),
    ("{{ khong_co }}", "dùng giá trị không có ('khong_co' is undefined)"),
    ("{{ ho_ten.__class__ }}", "thao tác bị chặn vì an toàn"),
    ("{{ 'x'.encode('khong-co') }}", "thẻ không chạy được (LookupError"),
    ("{{ ho_ten.index('z') }}", "thẻ không chạy được (ValueError: substring not found)"),
    ("{% set ns = namespace(a=[], b=[]) %}{% for i in range(1000) %}{% for j in range(2) %}"
     "{% set ns.a = [ns.a] %}{% set ns.b = [ns.b] %}{% endfor %}{% endfor %}{{ ns.a == ns.b }}",
     "lồng nhau quá sâu"),
])
def test_a_failing_expression_is_the_clerks_error(text: str, said: str) -> None:
    assert said in refusal(text)
