// Hide a question while the earlier answer it depends on is not given.
// Without this script every question shows, with a note saying when to answer it.
document.querySelectorAll("[data-condition-name]").forEach((block) => {
  const inputs = document.querySelectorAll(`[name="${block.dataset.conditionName}"]`);
  const wanted = block.dataset.conditionValue;
  const update = () => {
    block.hidden = !Array.from(inputs).some((input) =>
      input.type === "radio" || input.type === "checkbox"
        ? input.checked && input.value === wanted
        : input.value === wanted,
    );
  };
  inputs.forEach((input) => input.addEventListener("change", update));
  update();
});
