// Streamlit writes its own words in English: buttons, tooltips, screen-reader labels, the file uploader.
// (The same script also makes Enter apply a date typed into a date field, and a page picked in the menu
// one step of the browser's history: see the end.)
// Called once per page with the phrases and patterns of `dashboard/streamlit_words.py`, this rewrites them
// in Russian as React renders them. A MutationObserver runs before the browser paints, so the English is
// never seen or read out.
(phrases, patterns) => {
  if (window.__kartaStreamlitWords) return;
  window.__kartaStreamlitWords = true;
  const ATTRIBUTES = ["aria-label", "title", "placeholder"];
  const LATIN = /[A-Za-z]/;
  const rules = patterns.map(([pattern, replacement]) => [new RegExp(pattern), replacement]);

  const russian = (value) => {
    if (!LATIN.test(value)) return value;
    if (Object.hasOwn(phrases, value)) return phrases[value];
    for (const [pattern, replacement] of rules) {
      if (pattern.test(value)) return value.replace(pattern, replacement);
    }
    return value;
  };
  const fixNode = (node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      const value = russian(node.data);
      if (value !== node.data) node.data = value;
    } else if (node.nodeType === Node.ELEMENT_NODE) {
      for (const name of ATTRIBUTES) {
        const old = node.getAttribute(name);
        if (old === null) continue;
        const value = russian(old);
        if (value !== old) node.setAttribute(name, value);
      }
    }
  };
  const fixTree = (root) => {
    fixNode(root);
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) fixNode(walker.currentNode);
  };
  new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === "childList") record.addedNodes.forEach(fixTree);
      else fixNode(record.target);
    }
  }).observe(document.body, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: ATTRIBUTES,
  });
  fixTree(document.body);

  // A date typed into a date field is applied by Streamlit only when the field loses focus, and only once
  // its calendar is closed (Escape closes it and keeps what was typed). Enter in the field does both, as
  // Enter applies a text field. In the calendar itself Enter keeps picking the focused day.
  document.addEventListener(
    "keydown",
    (event) => {
      const segment = event.target;
      if (event.key !== "Enter" || event.isComposing || !(segment instanceof HTMLElement)) return;
      if (segment.getAttribute("role") !== "spinbutton") return;
      if (!segment.closest('[data-testid="stDateInputField"]')) return;
      event.preventDefault();
      const escape = {key: "Escape", code: "Escape", keyCode: 27, bubbles: true, cancelable: true};
      segment.dispatchEvent(new KeyboardEvent("keydown", escape));
      requestAnimationFrame(() => segment.blur());
    },
    true,
  );

  // A page picked in the menu is one step of the browser's history, as a link is. Streamlit pushes the
  // page's address first, without the view, and the view's parameters next as a second step, so one Back
  // would only take the parameters away. Every view names its date in the address, so an address of this
  // app without parameters is only ever that first half: the parameters written next replace it.
  const push = history.pushState.bind(history);
  history.pushState = (state, unused, url) => {
    const next = url == null ? null : new URL(url, location.href);
    if (next && location.search === "" && next.search !== "" && next.pathname === location.pathname) {
      history.replaceState(state, unused, url);
      return;
    }
    push(state, unused, url);
  };
}
