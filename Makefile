# Hai lệnh của phần "Bắt đầu nhanh" trong README.
PY ?= python3
EXAMPLES := $(wildcard data/examples/*.yaml)

.PHONY: examples test lint fuzz

examples:  ## cài đặt rồi kiểm tra và dựng các kế hoạch mẫu vào output/
	scripts/setup.sh
	kehoach validate $(EXAMPLES)
	kehoach build $(EXAMPLES) -o output
	# kế hoạch cấp dưới: các xã của huyện Phú Thiện, và một xã lập thẳng từ kế hoạch tỉnh
	kehoach derive data/examples/phu-thien-2024.yaml --ghi-de \
		--danh-sach data/examples/phu-thien-2024-don-vi.csv -o output/phu-thien-cac-xa
	kehoach build output/phu-thien-cac-xa -o output/phu-thien-cac-xa
	kehoach derive data/examples/dak-nong-2022.yaml --don-vi "Xã Quảng Sơn" --cap xa \
		--ngay 2025-09-15 --ghi-de -o output/dak-nong-xa-quang-son/ke-hoach.yaml
	kehoach build output/dak-nong-xa-quang-son -o output/dak-nong-xa-quang-son

test:  ## cài đặt (kể cả LibreOffice) rồi chạy toàn bộ kiểm thử
	scripts/setup.sh test
	$(PY) -m ruff check generator tests scripts benchmarks
	$(PY) -m mypy
	$(PY) -m pytest -W error
	scripts/check_wheel.sh

fuzz:  ## thử nghiệm ngẫu nhiên dài: N kế hoạch hỏng mỗi nguồn (mặc định 2.500), kết quả ở output/fuzz.json
	mkdir -p output
	KEHOACH_FUZZ_EXAMPLES=$(or $(N),2500) KEHOACH_FUZZ_SUMMARY=output/fuzz.json \
		$(PY) -m pytest -p no:cacheprovider tests/test_fuzz.py
	cat output/fuzz.json
