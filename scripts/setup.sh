#!/usr/bin/env bash
# Cài kehoach và những gì nó cần trên một máy mới (Python 3.11, pip, quyền root cho apt).
#   scripts/setup.sh          cài kehoach
#   scripts/setup.sh test     cài thêm công cụ kiểm thử và LibreOffice (để xuất PDF)
set -euo pipefail
cd "$(dirname "$0")/.."
want=${1:-run}
extra=""
[ "$want" = test ] && extra="[test]"
python3 -m pip install --quiet --disable-pip-version-check -e ".${extra}"
if ! command -v soffice >/dev/null || ! command -v pdftoppm >/dev/null \
   || ! fc-list 2>/dev/null | grep -qi "Liberation Serif" \
   || { [ "$want" = test ] && ! /usr/bin/python3 -c "import uno" 2>/dev/null; } \
   || { [ "$want" = test ] && [ ! -e /usr/lib/libreoffice/program/libsclo.so ]; }; then
  if [ "$want" = test ] || [ "${KEHOACH_PDF:-0}" = 1 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq \
      libreoffice-writer-nogui fonts-liberation2 poppler-utils python3-uno git \
      $([ "$want" = test ] && echo libreoffice-calc-nogui) >/dev/null
  fi
fi
