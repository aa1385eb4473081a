// The community assets map. The list on the page is the real result; this only draws the same results on a map
// when JavaScript runs and a tile server is set. Markers are links to each asset's page.
import * as L from './leaflet/leaflet.esm.js'

const container = document.getElementById('asset-map')
const data = document.getElementById('asset-map-data')
if (container && data && container.dataset.tiles) {
  const assets = JSON.parse(data.textContent)
  const origin = container.dataset.originLat ? [Number(container.dataset.originLat), Number(container.dataset.originLon)] : null
  if (assets.length > 0 || origin) {
    container.hidden = false
    const map = L.map(container, { scrollWheelZoom: false })
    map.attributionControl.setPrefix(false)
    // Leaflet writes attribution and tooltips as HTML: give it text only.
    const text = (value) => { const span = document.createElement('span'); span.textContent = value; return span }
    L.tileLayer(container.dataset.tiles, { maxZoom: 19, attribution: text(container.dataset.attribution || '').innerHTML }).addTo(map)
    const points = []
    for (const asset of assets) {
      const marker = L.marker([asset.lat, asset.lon], { title: asset.name, alt: asset.name, keyboard: true })
      const link = document.createElement('a')
      link.href = asset.url
      link.className = 'govuk-link'
      link.textContent = asset.name
      marker.bindPopup(link)
      marker.addTo(map)
      points.push([asset.lat, asset.lon])
    }
    if (origin) {
      L.circleMarker(origin, { radius: 8, weight: 3 }).bindTooltip(text(container.dataset.originLabel || 'Searched near')).addTo(map)
      points.push(origin)
    }
    if (points.length === 1) {
      map.setView(points[0], 15)
    } else {
      map.fitBounds(points, { padding: [24, 24], maxZoom: 16 })
    }
  }
}
