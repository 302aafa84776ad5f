#!/usr/bin/env bash
# Placeholder until the podman smoke test lands.
echo "container smoke: not written yet"
