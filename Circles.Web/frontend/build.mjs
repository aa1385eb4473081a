// Compiles our Sass against govuk-frontend and copies the few files the site serves into
// ../wwwroot/lib. Run by the Circles.Web build; needs no network once npm has installed.
import { compile, NodePackageImporter } from 'sass'
import { cpSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const out = join(here, '..', 'wwwroot', 'lib')
const govuk = join(here, 'node_modules', 'govuk-frontend', 'dist', 'govuk')

mkdirSync(join(out, 'govuk', 'assets', 'images'), { recursive: true })

const css = compile(join(here, 'src', 'site.scss'), {
  style: 'compressed',
  importers: [new NodePackageImporter()],
  quietDeps: true,
  silenceDeprecations: ['import']
})
writeFileSync(join(out, 'circles.css'), css.css)

cpSync(join(govuk, 'govuk-frontend.min.js'), join(out, 'govuk', 'govuk-frontend.min.js'))
for (const image of ['favicon.ico', 'favicon.svg']) {
  cpSync(join(govuk, 'assets', 'images', image), join(out, 'govuk', 'assets', 'images', image))
}
cpSync(join(here, 'src', 'init.js'), join(out, 'init.js'))
cpSync(join(here, 'src', 'site.mjs'), join(out, 'site.mjs'))
cpSync(join(here, 'src', 'assets-map.mjs'), join(out, 'assets-map.mjs'))

// Leaflet, for the community assets map: its module build, stylesheet and marker images.
const leaflet = join(here, 'node_modules', 'leaflet', 'dist')
mkdirSync(join(out, 'leaflet', 'images'), { recursive: true })
cpSync(join(leaflet, 'leaflet-src.esm.js'), join(out, 'leaflet', 'leaflet.esm.js'))
cpSync(join(leaflet, 'leaflet.css'), join(out, 'leaflet', 'leaflet.css'))
cpSync(join(leaflet, 'images'), join(out, 'leaflet', 'images'), { recursive: true })
console.log('front end built into wwwroot/lib')
