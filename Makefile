# Hai lệnh của phần "Bắt đầu nhanh" trong README.
PY ?= python3
EXAMPLES := $(wildcard data/examples/*.yaml)

.PHONY: examples test lint

examples:  ## cài đặt rồi kiểm tra và dựng các kế hoạch mẫu vào output/
	scripts/setup.sh
	kehoach validate $(EXAMPLES)
	kehoach build $(EXAMPLES) -o output

test:  ## cài đặt (kể cả LibreOffice) rồi chạy toàn bộ kiểm thử
	scripts/setup.sh test
	$(PY) -m ruff check generator tests scripts benchmarks
	$(PY) -m mypy
	$(PY) -m pytest -W error
	scripts/check_wheel.sh
