/* innograph browse, node and error pages: the 中文/English switch (remembered, as on the network page). */
(function () {
  "use strict";
  function setLang(lang) {
    if (lang !== "zh" && lang !== "en") { return; }
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
    document.body.classList.remove("lang-zh", "lang-en");
    document.body.classList.add("lang-" + lang);
    Array.prototype.forEach.call(document.querySelectorAll("[data-placeholder-" + lang + "]"), function (e) {
      e.placeholder = e.getAttribute("data-placeholder-" + lang);
    });
    try { window.localStorage.setItem("innograph.lang", lang); } catch (e) { /* storage refused */ }
    Array.prototype.forEach.call(document.querySelectorAll("iframe"), function (f) {
      try { f.contentWindow.innograph.setLang(lang); } catch (e) { /* not loaded yet: it reads the stored choice */ }
    });
  }
  document.getElementById("lang").addEventListener("click", function () {
    setLang(document.body.classList.contains("lang-zh") ? "en" : "zh");
  });
  var wanted = new URLSearchParams(window.location.search).get("lang");
  /* The address's language is chosen, not only shown: else a ?lang=zh page kept an English choice
     remembered from another page, and its network (which reads the remembered one) came up in English. */
  var addressed = wanted === "zh" || wanted === "en";
  /* An answer page follows the question's language (asked in English, read in English), unless the
     address says otherwise: the choice remembered from another page showed an English answer in a
     Chinese page (节点 / 类型 / 依据, the names in Chinese). */
  var asked = document.querySelector("[data-question-lang]");
  if (!wanted && asked) { wanted = asked.getAttribute("data-question-lang"); }
  if (!wanted) {
    try { wanted = window.localStorage.getItem("innograph.lang"); } catch (e) { wanted = null; }
  }
  if (wanted === "en" || (wanted === "zh" && (asked || addressed))) { setLang(wanted); }
  window.innographSetLang = setLang;
})();
