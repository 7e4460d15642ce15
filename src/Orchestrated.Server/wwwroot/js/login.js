// Sign-in: posts the login, then returns to the view the user came from — only ever a view of this app (#/…):
// a hash such as #//evil.example would otherwise send a freshly signed-in user to another site.
const form = document.getElementById('login');
form.addEventListener('submit', async e => {
  e.preventDefault();
  const data = new FormData(form);
  const response = await fetch('/auth/login', {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user: data.get('user'), password: data.get('password') }),
  });
  if (response.ok) location.href = '/' + returnTo(decodeURIComponent(location.hash.slice(1)));
  else document.getElementById('error').textContent = (await response.json()).title ?? 'Sign-in failed';
});
form.querySelector('input').focus();

function returnTo(view) {
  return /^#\/[\w\-/?=&.%]*$/.test(view) ? view : '#/dag';
}
