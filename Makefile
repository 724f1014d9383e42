# Hai lệnh của phần "Bắt đầu nhanh" trong README. Mọi thứ chạy trong môi trường ảo của dự
# án (.venv/, do scripts/setup.sh tạo): Python của hệ thống không bị đụng tới.
VENV ?= .venv
PY := $(VENV)/bin/python
KEHOACH := $(VENV)/bin/kehoach
# as if the venv were activated: the tests find the tools it installs (openxml-audit)
export PATH := $(abspath $(VENV))/bin:$(PATH)
EXAMPLES := $(wildcard data/examples/*.yaml)

.PHONY: examples test lint fuzz docs

examples:  ## cài đặt rồi kiểm tra và dựng các kế hoạch mẫu vào output/
	KEHOACH_VENV=$(VENV) scripts/setup.sh
	$(KEHOACH) validate $(EXAMPLES)
	$(KEHOACH) build $(EXAMPLES) -o output
	# kế hoạch cấp dưới: các xã của huyện Phú Thiện, và một xã lập thẳng từ kế hoạch tỉnh
	$(KEHOACH) derive data/examples/phu-thien-2024.yaml --ghi-de \
		--danh-sach data/examples/phu-thien-2024-don-vi.csv -o output/phu-thien-cac-xa
	$(KEHOACH) build output/phu-thien-cac-xa -o output/phu-thien-cac-xa
	$(KEHOACH) derive data/examples/dak-nong-2022.yaml --don-vi "Xã Quảng Sơn" --cap xa \
		--ngay 2025-09-15 --ghi-de -o output/dak-nong-xa-quang-son/ke-hoach.yaml
	$(KEHOACH) build output/dak-nong-xa-quang-son -o output/dak-nong-xa-quang-son

test:  ## cài đặt (kể cả LibreOffice) rồi chạy toàn bộ kiểm thử
	KEHOACH_VENV=$(VENV) scripts/setup.sh test
	$(PY) -m ruff check generator tests scripts benchmarks
	$(PY) -m mypy
	$(PY) -m pytest  # warnings are errors: pyproject's filterwarnings
	PY=$(PY) PIPX=required UV=required scripts/check_wheel.sh

fuzz:  ## thử nghiệm ngẫu nhiên dài: N kế hoạch hỏng mỗi nguồn (mặc định 2.500), kết quả ở output/fuzz.json
	KEHOACH_VENV=$(VENV) scripts/setup.sh test
	mkdir -p output
	KEHOACH_FUZZ_EXAMPLES=$(or $(N),2500) KEHOACH_FUZZ_SUMMARY=output/fuzz.json \
		$(PY) -m pytest -p no:cacheprovider tests/test_fuzz.py
	cat output/fuzz.json

docs:  ## ảnh và lời trên màn hình của hướng dẫn (docs/anh/), rồi dựng trang hướng dẫn vào output/site/
	KEHOACH_VENV=$(VENV) scripts/setup.sh test
	$(PY) scripts/make_doc_images.py
	NO_MKDOCS_2_WARNING=1 $(PY) -m mkdocs build --strict
