// Shared by every page: navigation, API calls with readable errors, small DOM helpers.

export function nav(active) {
  const pages = [['index.html', 'Classify'], ['results.html', 'Results'], ['dataset.html', 'Dataset']];
  const header = document.createElement('header');
  header.innerHTML = '<span class="brand">esc50</span><nav></nav>';
  for (const [href, label] of pages) {
    const a = el('a', { href, text: label });
    if (label === active) a.classList.add('active');
    header.querySelector('nav').append(a);
  }
  document.body.prepend(header);
}

export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'text') node.textContent = value;
    else if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  node.append(...children);
  return node;
}

// The server answers errors as {"error": "..."}: surface that message.
async function checked(response) {
  if (response.ok) return response;
  let message = `${response.status} ${response.statusText}`;
  try { message = (await response.json()).error || message; } catch { /* not JSON */ }
  throw new Error(message);
}

export async function getJSON(url) {
  return (await checked(await fetch(url))).json();
}

export async function post(url, body) {
  return checked(await fetch(url, { method: 'POST', body }));
}

export const percent = (p, digits = 1) => `${(100 * p).toFixed(digits)} %`;

export function showError(target, error) {
  target.textContent = error.message || String(error);
  target.classList.remove('hidden');
}
