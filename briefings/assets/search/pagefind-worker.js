/* Material for MkDocs' search worker, answered by Pagefind: the search box and its results stay
 * Material's, and a query loads only the index chunks and result fragments it needs.
 *
 * overrides/main.html points Material at this worker on pages served over http(s) of a site that
 * `briefing build` indexed with Pagefind (generator/search.py), and passes the address of
 * Material's own worker after the "#". Material's protocol (its integrations/search/worker):
 * SETUP (0) with its index, which such a site cuts to its configuration; READY (1) back; then
 * QUERY (2) with the box's text on every key, answered by RESULT (3):
 * {items: [[page, ...sections]]}, each {location, title, text (HTML), score, terms}.
 *
 * Without Pagefind's index (a copy of the offline edition put on a server, which leaves
 * pagefind/ out), it falls back to Material's worker and the whole index in
 * search/search_index.js, which every build keeps for readers who open the site from a folder.
 */
"use strict"

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
const SHOWN = 20  // results whose fragments are loaded; the count then reads "N best matching documents"
const PAUSE = 200  // ms without a key before a query runs, so that typing loads only the last query's chunks
const root = new URL("../../", self.location.href)  // this file is assets/search/pagefind-worker.js
const materialWorker = decodeURIComponent(self.location.hash.slice(1))

let pagefind = null
let latest = 0

function escapeHTML(text) {
  return String(text).replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c])
}

async function answer(query, id) {
  const text = query.trim()
  if (!text)
    return { items: [] }
  await new Promise(resolve => setTimeout(resolve, PAUSE))
  if (id !== latest)
    return null  // a later key was pressed meanwhile: its answer replaces this one
  const search = await pagefind.search(text)
  if (id !== latest || !search)
    return null
  const results = search.results.slice(0, SHOWN)
  const pages = await Promise.all(results.map(result => result.data()))
  if (id !== latest)
    return null
  // Material adds the matched words to each link (?h=…) and highlights them on the page.
  const terms = Object.fromEntries(text.toLowerCase().split(/\s+/).map(word => [word, true]))
  // Editors' pages (marked audience:editors by the build's hook) come after every reader page.
  const order = pages.map((page, i) => i).sort((a, b) => (pages[a].meta.audience === "editors") - (pages[b].meta.audience === "editors") || a - b)
  return {
    items: order.map(i => pages[i]).map((page, n) => {
      const i = order[n]
      const score = results[i].score
      const sections = page.sub_results
        .filter(section => section.url.includes("#") && section.anchor?.element !== "h1")
        .slice(0, 5)
        .map(section => ({ location: section.url, title: escapeHTML(section.title), text: section.excerpt, score: score / 2, terms }))
      // Pagefind's excerpts are the page's text, HTML-escaped, with the matches in <mark>.
      return [{ location: page.url, title: escapeHTML(page.meta.title || page.url), text: page.excerpt, score, terms }, ...sections]
    })
  }
}

function fallBackToMaterial(setup, error) {
  console.warn("Pagefind's index did not load; searching with Material's index instead.", error)
  self.removeEventListener("message", onMessage)
  importScripts(new URL("search/search_index.js", root).href)  // var __index = {config, docs}
  importScripts(materialWorker)  // listens for messages itself
  // eslint-disable-next-line no-undef
  self.dispatchEvent(new MessageEvent("message", { data: { ...setup, data: { ...setup.data, config: __index.config, docs: __index.docs } } }))
}

async function onMessage(event) {
  const message = event.data
  if (message.type === SETUP) {
    try {
      pagefind = await import(new URL("pagefind/pagefind.js", root).href)
      await pagefind.options({ excerptLength: 24 })
      await pagefind.init()
    } catch (error) {
      fallBackToMaterial(message, error)
      return
    }
    self.postMessage({ type: READY })
  } else if (message.type === QUERY) {
    const id = ++latest
    try {
      const data = await answer(message.data, id)
      if (data)
        self.postMessage({ type: RESULT, data })
    } catch (error) {
      console.warn(`Search failed for ${JSON.stringify(message.data)}`, error)
      if (id === latest)
        self.postMessage({ type: RESULT, data: { items: [] } })
    }
  }
}

self.addEventListener("message", onMessage)
