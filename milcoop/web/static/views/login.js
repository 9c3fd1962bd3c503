// 7. Sign-in page.
import { api } from "../api.js";
import { h } from "../dom.js";

export async function render(main, { query, session, navigate, refreshMe }) {
  document.title = "Sign in — milcoop";
  const next = query.next && query.next.startsWith("/") ? query.next : "/events";
  const status = h("p", { class: "form-status", role: "alert", "aria-live": "assertive" });
  const form = h("form", { class: "login-form", "aria-labelledby": "login-title" },
    h("h1", { id: "login-title" }, "Sign in"),
    h("p", { class: "muted" }, "Analysts sign in to confirm, reject and correct occasions. Reading needs no account."),
    session.user ? h("p", { class: "flash" }, `You are signed in as ${session.user.username}.`) : null,
    h("div", { class: "field" }, h("label", { for: "username" }, "Username"),
      h("input", { id: "username", name: "username", type: "text", autocomplete: "username", required: true, autofocus: true })),
    h("div", { class: "field" }, h("label", { for: "password" }, "Password"),
      h("input", { id: "password", name: "password", type: "password", autocomplete: "current-password", required: true })),
    h("button", { type: "submit", class: "btn btn-primary btn-block" }, "Sign in"),
    status);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const fd = new FormData(form);
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    status.textContent = "";
    status.className = "form-status";
    try {
      await api("/api/login", { method: "POST", body: { username: fd.get("username"), password: fd.get("password") } });
      await refreshMe();
      if (!session.user) session.set({ username: String(fd.get("username")) });
      navigate("#" + next);
    } catch (err) {
      status.textContent = err.status === 401 || err.status === 403 ? "Wrong username or password." : err.message;
      status.className = "form-status error";
      button.disabled = false;
    }
  });
  main.append(h("div", { class: "login-page" }, form));
}
