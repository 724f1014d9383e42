#!/usr/bin/env bash
# Kiểm tra gói cài đặt thật, như người dùng cài: dựng wheel, cài vào một môi trường ảo mới
# ngoài thư mục mã nguồn bằng `pip install tệp.whl` (và bằng `pipx install`, `uv tool
# install`, nếu có), rồi kiểm tra và dựng MỌI kế hoạch mẫu, có và không có --pdf, từ một
# thư mục khác, và mở `kehoach serve` (trang soạn, trang hướng dẫn kèm trong gói).
# Build the wheel, install it as a clerk would (pip into a fresh venv; pipx and uv when
# present), then validate and build every example, with and without --pdf, outside the
# checkout, and ask the installed `kehoach serve` for its page, its assets and the guide:
# templates, reference data, served assets and the guide must come from the package.
#   PY=python3 scripts/check_wheel.sh    (mặc định: Python của .venv, nếu có)
#   PIPX=required scripts/check_wheel.sh (make test: thiếu pipx là lỗi, không bỏ qua)
#   UV=required scripts/check_wheel.sh   (make test: thiếu uv là lỗi; mặc định: uv cạnh $PY
#                                        hoặc trong PATH, nếu có; UV=/đường/dẫn/uv chỉ định)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
PY=${PY:-$([ -x .venv/bin/python ] && echo "$root/.venv/bin/python" || echo python3)}
case "$PY" in /*) ;; */*) PY="$root/$PY";; esac  # the checks below run from elsewhere
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
# pip's output less the notices of this machine's package mirrors; all of it if pip fails
quiet() {
  local out
  if ! out=$("$@" 2>&1); then printf '%s\n' "$out" >&2; return 1; fi
  printf '%s\n' "$out" | grep -v -e "^WARNING: Location" -e '^$' || true
}

rm -rf build  # setuptools reuses it: a stale copy of a moved module would slip in
quiet "$PY" -m pip wheel --quiet --disable-pip-version-check --no-deps -w "$scratch/dist" .
wheel=$(ls "$scratch"/dist/kehoach-*.whl)
# Mọi tệp của gói (mã và dữ liệu) phải có trong wheel: một thư mục thiếu __init__.py hay một
# đuôi tệp không khai báo sẽ bị bỏ rơi mà không ai hay. Every module and data file of the
# package is in the wheel (a folder find_packages misses, a suffix no pattern ships).
"$PY" - "$wheel" <<'PYEOF'
import subprocess, sys, zipfile
from pathlib import Path
shipped = set(zipfile.ZipFile(sys.argv[1]).namelist())
tracked = subprocess.run(["git", "ls-files", "-z", "generator", "templates"], check=True,
                         capture_output=True).stdout.decode().split("\0")
wanted = {"generator/" + name if name.startswith("templates/") else name
          for name in tracked if name and Path(name).is_file()}
missing = sorted(wanted - shipped)
if missing:
    sys.exit("wheel: thiếu trong gói / missing from the wheel: " + ", ".join(missing))
guide = "generator/web/huong-dan/index.html"  # setup.py builds the guide into the package
if guide not in shipped:
    sys.exit(f"wheel: thiếu trang hướng dẫn / the guide is missing: {guide}")
pages = sum(name.startswith("generator/web/huong-dan/") and name.endswith(".html")
            for name in shipped)
print(f"wheel: {len(wanted)} tệp của gói đều có trong wheel, cùng {pages} trang hướng dẫn.")
PYEOF
mkdir "$scratch/mau"
cp "$root"/data/examples/*.yaml "$root"/data/examples/*.csv "$scratch/mau/"
plans=$(cd "$scratch/mau" && ls ./*.yaml | wc -l)

# Dựng mọi kế hoạch mẫu bằng lệnh kehoach $1, vào thư mục $2 (tên lần thử).
build_examples() {
  local kehoach=$1 name=$2
  cd "$scratch"
  found=$("$(dirname "$(readlink -f "$kehoach")")/python" -c \
          "import generator; print(generator.__file__)")
  case "$found" in "$root"*) echo "wheel ($name): kehoach imported from the checkout"; exit 1;; esac
  "$kehoach" validate mau/*.yaml >/dev/null
  "$kehoach" build mau -o "$name/docx" >/dev/null
  "$kehoach" build mau --pdf -o "$name/pdf" >/dev/null
  "$kehoach" new --cap tinh "$name/moi.yaml" >/dev/null
  "$kehoach" validate --strict "$name/moi.yaml" >/dev/null
  for plan in mau/*.yaml; do
    stem=$(basename "$plan" .yaml)
    test -s "$name/docx/$stem.docx" && test ! -e "$name/docx/$stem.pdf"
    test -s "$name/pdf/$stem.docx" && test -s "$name/pdf/$stem.pdf"
  done
  echo "wheel ($name): $plans kế hoạch mẫu dựng được từ gói, có và không có --pdf."
  serve_answers "$kehoach" "$name"
}

# `kehoach serve` của bản cài trả lời trang soạn, các tệp nó dùng và trang hướng dẫn.
# The installed serve answers its page, the assets it names and the guide the wheel carries.
serve_answers() {
  local kehoach=$1 name=$2 said="$scratch/$2-serve.txt" pid
  "$kehoach" serve --khong-mo --port 0 mau >"$said" 2>&1 &
  pid=$!
  "$PY" - "$said" <<'PYEOF' || { kill "$pid"; cat "$said" >&2; exit 1; }
import http.cookiejar, re, sys, time, urllib.error, urllib.request
said = sys.argv[1]
deadline = time.monotonic() + 60
while not (found := re.search(r"http://\S+token=\S+", open(said, encoding="utf-8").read())):
    if time.monotonic() > deadline:
        sys.exit("serve: no address printed")
    time.sleep(0.2)
address = found.group()
base = address.split("/?")[0]
browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
while True:  # the address is printed just before the server listens
    try:
        front = browser.open(address, timeout=30).read().decode("utf-8")
        break
    except urllib.error.URLError:
        if time.monotonic() > deadline:
            raise
        time.sleep(0.2)
assets = re.findall(r'(?:src|href)="(/static/[^"]+)"', front)
assert assets, "serve: the page names no asset"
for asset in assets:
    assert browser.open(base + asset, timeout=30).status == 200, asset
guide = browser.open(base + "/huong-dan/", timeout=30).read().decode("utf-8")
assert "Hướng dẫn sử dụng" in guide, guide[:300]
install = browser.open(base + "/huong-dan/cai-dat.html", timeout=30).read().decode("utf-8")
assert "Windows" in install
PYEOF
  kill "$pid"
  wait "$pid" || true
  echo "wheel ($name): kehoach serve trả lời trang soạn, các tệp của nó và trang hướng dẫn."
}

"$PY" -m venv "$scratch/venv"
quiet "$scratch/venv/bin/pip" install --quiet --disable-pip-version-check "$wheel"
build_examples "$scratch/venv/bin/kehoach" pip

if "$PY" -m pipx --version >/dev/null 2>&1; then
  export PIPX_HOME="$scratch/pipx" PIPX_BIN_DIR="$scratch/pipx-bin" \
         PIPX_MAN_DIR="$scratch/pipx-man"
  quiet "$PY" -m pipx install --quiet "$wheel"
  build_examples "$PIPX_BIN_DIR/kehoach" pipx
elif [ "${PIPX:-optional}" = required ]; then
  echo "wheel (pipx): không chạy được '$PY -m pipx' (scripts/setup.sh test cài pipx)." >&2
  exit 1
else
  echo "wheel (pipx): pipx chưa cài, bỏ qua (scripts/setup.sh test cài pipx)."
fi
case "${UV:-optional}" in  # uv: the one beside $PY (scripts/setup.sh test), else the PATH's
  required|optional) uv=$(command -v "$(dirname "$PY")/uv" || command -v uv || true);;
  *) uv=$UV;;
esac
if [ -n "$uv" ]; then
  export UV_TOOL_DIR="$scratch/uv-tools" UV_TOOL_BIN_DIR="$scratch/uv-bin"
  quiet "$uv" tool install --quiet --python "$PY" "$wheel"
  build_examples "$UV_TOOL_BIN_DIR/kehoach" uv
elif [ "${UV:-optional}" = required ]; then
  echo "wheel (uv): không tìm thấy uv (scripts/setup.sh test cài uv)." >&2
  exit 1
else
  echo "wheel (uv): uv chưa cài, bỏ qua (scripts/setup.sh test cài uv; hoặc UV=/đường/dẫn/uv)."
fi
echo "wheel: $(basename "$wheel") cài và dựng được."
