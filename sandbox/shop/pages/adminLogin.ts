import { html } from '../../merchant/html';

export function adminLoginBody(error?: string) {
  return html`
<section class="card">
  <h1>Admin sign-in</h1>
  ${error ? html`<p class="error" role="alert" data-testid="admin-login-error">${error}</p>` : ''}
  <form method="post" action="/admin/login">
    <label for="admin_key">Admin key</label>
    <input type="password" id="admin_key" name="admin_key" required autocomplete="current-password" data-testid="admin-key">
    <div><button type="submit" data-testid="admin-login">Sign in</button></div>
  </form>
</section>`;
}
