// "Lập kế hoạch cấp dưới": the units the chosen plan names are offered, and choosing one
// fills its level.
const unitsOf = JSON.parse(document.getElementById("units-of").textContent);
const form = document.getElementById("derive-plan");
const parent = form.querySelector("select[name=cap_tren]");
const unit = form.querySelector("input[name=don_vi]");
const level = form.querySelector("input[name=cap]");
const offered = document.getElementById("units");

function offer() {
  const units = unitsOf[parent.value] || [];
  offered.replaceChildren(...units.map(([name, key]) => {
    const option = document.createElement("option");
    option.value = name;
    if (key) option.label = key;
    return option;
  }));
  document.getElementById("units-note").hidden = units.length === 0;
  unit.placeholder = units.length ? units[0][0] : "Xã Ia Ake";
}
unit.addEventListener("input", () => {
  const known = (unitsOf[parent.value] || []).find(([name]) => name === unit.value);
  if (known && known[1]) level.value = known[1];
});
parent.addEventListener("change", offer);
offer();
