#!/usr/bin/env bash
# Cài kehoach vào môi trường ảo của dự án (.venv/), không đụng tới Python của hệ thống hay
# lệnh kehoach đã có trên máy. Cần Python 3.11 trở lên; LibreOffice cần quyền root (apt).
#   scripts/setup.sh          cài kehoach: .venv/bin/kehoach
#   scripts/setup.sh test     cài thêm công cụ kiểm thử và LibreOffice (để xuất PDF)
# Installs into the project's virtual environment (.venv/, or KEHOACH_VENV), never into
# the global Python; PYTHON=python3.12 picks the interpreter that creates it.
set -euo pipefail
cd "$(dirname "$0")/.."
want=${1:-run}
venv=${KEHOACH_VENV:-.venv}
python=${PYTHON:-python3}
extra=""
[ "$want" = test ] && extra="[test]"
# pip's output less the notices of this machine's package mirrors; all of it if pip fails
quiet() {
  local out
  if ! out=$("$@" 2>&1); then printf '%s\n' "$out" >&2; return 1; fi
  printf '%s\n' "$out" | grep -v -e "^WARNING: Location" -e '^$' || true
}

if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "kehoach cần Python 3.11 trở lên ('$python' không có hoặc cũ hơn)." >&2
  echo "Cài Python 3.11+, hoặc chỉ định: PYTHON=python3.11 $0 $*" >&2
  exit 1
fi
if [ ! -x "$venv/bin/python" ]; then
  if ! "$python" -m venv "$venv" >/dev/null 2>&1; then
    rm -rf "$venv"
    # Debian and Ubuntu ship venv apart from Python (python3-venv)
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        "python3.$("$python" -c 'import sys; print(sys.version_info[1])')-venv" >/dev/null \
        || apt-get install -y -qq python3-venv >/dev/null
      "$python" -m venv "$venv"
    else
      echo "Không tạo được môi trường ảo: cài gói python3-venv (sudo apt install python3-venv)" \
           "rồi chạy lại." >&2
      exit 1
    fi
  fi
fi
quiet "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -e ".${extra}"

if ! command -v soffice >/dev/null || ! command -v pdftoppm >/dev/null \
   || ! fc-list 2>/dev/null | grep -qi "Liberation Serif" \
   || { [ "$want" = test ] && ! /usr/bin/python3 -c "import uno" 2>/dev/null; } \
   || { [ "$want" = test ] && [ ! -e /usr/lib/libreoffice/program/libsclo.so ]; }; then
  if [ "$want" = test ] || [ "${KEHOACH_PDF:-0}" = 1 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq \
      libreoffice-writer-nogui fonts-liberation2 poppler-utils python3-uno git \
      $([ "$want" = test ] && echo libreoffice-calc-nogui chromium) >/dev/null
  fi
fi
# the guide's screenshots (tests/test_docs.py): Debian's chromium, driven by Playwright
if [ "$want" = test ] && [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = 0 ] \
   && command -v apt-get >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
echo "Đã cài kehoach vào $venv/ (lệnh: $venv/bin/kehoach)."
