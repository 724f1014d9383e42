#!/usr/bin/env bash
# Kiểm tra gói cài đặt thật: dựng wheel, cài vào một môi trường ảo mới (không dùng mã nguồn
# trong thư mục này), rồi kiểm tra và dựng một kế hoạch mẫu từ một thư mục khác.
# Build a wheel, install it into a fresh venv, validate and build an example with it:
# reference data and templates must come from the package, not from the checkout.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
rm -rf build  # setuptools reuses it: a stale copy of a moved module would slip in
python3 -m pip wheel --quiet --disable-pip-version-check --no-deps -w "$scratch/dist" . \
  2>&1 | grep -v "^WARNING: Location" || true
python3 -m venv "$scratch/venv"
"$scratch/venv/bin/pip" install --quiet --disable-pip-version-check "$scratch"/dist/*.whl \
  2>&1 | grep -v "^WARNING: Location" || true
cp "$root/data/examples/ia-ake-2024.yaml" "$scratch/ke-hoach.yaml"
cd "$scratch"
bin="$scratch/venv/bin"
found=$("$bin/python" -c "import generator, sys; print(generator.__file__)")
case "$found" in "$root"*) echo "wheel: kehoach was imported from the checkout ($found)"; exit 1;; esac
"$bin/kehoach" validate ke-hoach.yaml
"$bin/kehoach" --debug build ke-hoach.yaml -o out
"$bin/kehoach" new --cap tinh moi.yaml
"$bin/kehoach" validate --strict moi.yaml
test -s out/ke-hoach.docx && test -s out/ke-hoach.xlsx
echo "wheel: cài và dựng được từ gói ($(basename "$scratch"/dist/*.whl))."
