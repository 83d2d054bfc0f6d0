// The parcel map page (A8). Signs in with the platform's login, then reads GET /ektis/parcels
// with the officer's token and draws what it answers. Paths are relative to /ektis/map, so the
// page works under any stage prefix. The token stays in this page's memory only.
"use strict";
(function () {
  const config = JSON.parse(document.getElementById("map-config").textContent);
  const AZERBAIJAN = [[38.39, 44.76], [41.91, 50.63]];
  const STYLE = {
    own: { color: "#1b7f3b", weight: 4, fillOpacity: 0.25 },
    other: { color: "#1f5fbf", weight: 2, fillOpacity: 0.15 },
    overlap: { color: "#b00020", weight: 3, fillOpacity: 0.2 },
  };
  // A flagged parcel is dashed whatever its colour: the difference is not in colour alone.
  const FLAGGED = { dashArray: "6 4" };
  const byId = (id) => document.getElementById(id);
  const status = byId("status");
  const fields = ["west", "south", "east", "north"].map(byId);
  let token = null;

  const map = L.map("map", { keyboard: true }).fitBounds(AZERBAIJAN);
  // Without a tile server (none configured, or none reachable) the parcels still draw: they are
  // vectors over the map's plain background.
  if (config.tiles) {
    L.tileLayer(config.tiles, { maxZoom: 19, attribution: config.attribution }).addTo(map);
  }
  const drawn = L.featureGroup().addTo(map);

  function say(text) {
    status.textContent = text;
  }

  async function problemText(response) {
    try {
      const problem = await response.json();
      const fieldErrors = (problem.errors || []).map((e) => `${e.field}: ${e.detail}`);
      return [problem.title, problem.detail, ...fieldErrors].filter(Boolean).join(" — ");
    } catch {
      return `${response.status} ${response.statusText}`;
    }
  }

  // A request that gets no answer at all (network down, stack stopped) says so.
  async function send(url, options) {
    try {
      return await fetch(url, options);
    } catch {
      say("Şəbəkə xətası; yenidən cəhd edin. / Network error; please try again.");
      return null;
    }
  }

  function text(tag, content) {
    const node = document.createElement(tag);
    node.textContent = content;
    return node;
  }

  // ?bbox=w,s,e,n&subject=… fill the form, so that a view can be linked.
  const params = new URLSearchParams(location.search);
  (params.get("bbox") || "").split(",").forEach((value, i) => {
    if (fields[i]) fields[i].value = value;
  });
  byId("subject").value = params.get("subject") || "";

  byId("sign-in").addEventListener("submit", async (event) => {
    event.preventDefault();
    say("Yoxlanılır… / Checking…");
    const response = await send("../auth/login", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ username: byId("username").value, password: byId("password").value }),
    });
    byId("password").value = "";
    if (!response) return;
    if (!response.ok) {
      say(await problemText(response));
      return;
    }
    token = (await response.json()).accessToken;
    byId("query-fields").disabled = false;
    say("Daxil oldunuz; qutunu verin. / Signed in; give a bounding box.");
    fields[0].focus();
  });

  byId("use-view").addEventListener("click", () => {
    const view = map.getBounds();
    [view.getWest(), view.getSouth(), view.getEast(), view.getNorth()].forEach((value, i) => {
      fields[i].value = value.toFixed(5);
    });
  });

  byId("query").addEventListener("submit", async (event) => {
    event.preventDefault();
    const bbox = fields.map((input) => input.value.trim()).join(",");
    say("Yüklənir… / Loading…");
    const response = await send(`parcels?bbox=${encodeURIComponent(bbox)}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!response) return;
    if (!response.ok) {
      say(await problemText(response));
      return;
    }
    show((await response.json()).parcels, byId("subject").value.trim());
  });

  // With a subject: its parcels and the other parcels flagged against them; otherwise all.
  function chosen(parcels, subject) {
    if (!subject) return parcels;
    const own = parcels.filter((p) => p.subjectId === subject);
    const flagged = new Set(own.flatMap((p) => p.overlaps.map((o) => o.parcelId)));
    return parcels.filter((p) => p.subjectId === subject || flagged.has(p.parcelId));
  }

  function show(parcels, subject) {
    drawn.clearLayers();
    const rows = byId("parcels").tBodies[0];
    rows.replaceChildren();
    const shown = chosen(parcels, subject);
    const cadastre = new Map(parcels.map((p) => [p.parcelId, p.cadastreId]));
    for (const parcel of shown) {
      const flagged = parcel.overlaps.length > 0;
      const style = {
        ...(parcel.subjectId === subject ? STYLE.own : flagged ? STYLE.overlap : STYLE.other),
        ...(flagged ? FLAGGED : {}),
      };
      const layer = L.geoJSON(parcel.geometry, { style }).addTo(drawn);
      const overlaps = parcel.overlaps.map(
        (o) => `${cadastre.get(o.parcelId) || o.parcelId} (${o.areaM2} m²)`,
      );
      const popup = document.createElement("div");
      popup.append(
        text("strong", parcel.cadastreId),
        text("div", `${parcel.category}, ${parcel.use}; ${parcel.areaHa} ha`),
        text("div", overlaps.length ? `Üst-üstə / Overlaps: ${overlaps.join(", ")}` : ""),
      );
      layer.bindPopup(popup);

      const row = rows.insertRow();
      row.append(
        text("td", parcel.cadastreId),
        text("td", parcel.subjectId),
        text("td", `${parcel.areaHa} / ${parcel.mappedAreaHa}`),
        text("td", `${parcel.category}, ${parcel.use}`),
        text("td", overlaps.join("; ") || "—"),
      );
      const cell = row.insertCell();
      const button = text("button", `${parcel.cadastreId}: göstər / show`);
      button.type = "button";
      button.addEventListener("click", () => {
        map.fitBounds(layer.getBounds());
        layer.openPopup();
        byId("map").focus();
      });
      cell.append(button);
    }
    byId("parcels").hidden = shown.length === 0;
    if (shown.length) map.fitBounds(drawn.getBounds(), { maxZoom: 16 });
    const flagged = shown.filter((p) => p.overlaps.length).length;
    say(`${shown.length} sahə, ${flagged} üst-üstə düşmə qeydi ilə / ${shown.length} parcels, ${flagged} with an overlap flagged`);
  }
})();
