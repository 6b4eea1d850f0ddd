// Demo only: shows a file of this folder as text in each <pre data-source="file">, so the code on
// the page is the code that runs.
for (const pre of document.querySelectorAll('pre[data-source]')) {
  fetch(pre.dataset.source)
    .then((response) => (response.ok ? response.text() : Promise.reject(new Error(response.statusText))))
    .then((text) => (pre.textContent = text.trim()))
    .catch((error) => (pre.textContent = `could not load ${pre.dataset.source}: ${error.message}`));
}
