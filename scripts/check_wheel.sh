#!/usr/bin/env bash
# Kiểm tra gói cài đặt thật, như người dùng cài: dựng wheel, cài vào một môi trường ảo mới
# ngoài thư mục mã nguồn bằng `pip install tệp.whl` (và bằng `pipx install`, nếu có pipx),
# rồi kiểm tra và dựng MỌI kế hoạch mẫu, có và không có --pdf, từ một thư mục khác.
# Build the wheel, install it as a clerk would (pip into a fresh venv; pipx when present),
# then validate and build every example, with and without --pdf, outside the checkout:
# templates and reference data must come from the package, not from the checkout.
#   PY=python3 scripts/check_wheel.sh    (mặc định: Python của .venv, nếu có)
#   PIPX=required scripts/check_wheel.sh (make test: thiếu pipx là lỗi, không bỏ qua)
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
print(f"wheel: {len(wanted)} tệp của gói đều có trong wheel.")
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
echo "wheel: $(basename "$wheel") cài và dựng được."
