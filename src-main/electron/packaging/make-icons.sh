#!/usr/bin/env bash
# Draws the app icon into resources/ with ImageMagick (apt-get install imagemagick). The tray icons
# are drawn by make-tray-icons.mjs (plain Node). The files are committed; run these only to change them.
set -euo pipefail
cd "$(dirname "$0")/../../.."
IM=${IM:-/usr/bin/convert}

# App icon, 1024 px (electron-builder derives .ico/.icns and the Linux sizes from it):
# a blue rounded square, a white speech bubble, a green check mark in it.
"$IM" -size 1024x1024 xc:none \
  -fill '#1f5fbf' -draw 'roundrectangle 64,64 960,960 180,180' \
  -fill white -draw 'roundrectangle 210,250 814,690 90,90' \
  -fill white -draw 'polygon 330,660 300,830 480,680' \
  -fill none -stroke '#22a355' -strokewidth 80 -draw "stroke-linecap round stroke-linejoin round path 'M 350,470 L 470,585 L 680,360'" \
  -depth 8 PNG32:resources/icon.png

node src-main/electron/packaging/make-tray-icons.mjs
