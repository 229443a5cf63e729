#!/bin/bash
# Runs once, when the influxdb:2.x image initialises an empty data volume (DOCKER_INFLUXDB_INIT_MODE=setup),
# after the org, bucket and admin token exist; the influx CLI is already configured with the admin token.
#
# 1. DBRP mapping: InfluxQL database "$INFLUXDB_V1_DATABASE" / retention policy "$INFLUXDB_V1_RETENTION_POLICY"
#    -> the bucket, so Grafana's InfluxQL queries and the sensor's v1 /write both reach the bucket.
# 2. Two v1 authorisations scoped to that bucket (least privilege, no admin token outside InfluxDB):
#    the sensor may only write, Grafana may only read.
set -euo pipefail

: "${DOCKER_INFLUXDB_INIT_BUCKET_ID:?the influxdb image sets this during setup}"
: "${DOCKER_INFLUXDB_INIT_ORG:?}"
: "${INFLUXDB_V1_DATABASE:?}"
: "${INFLUXDB_V1_RETENTION_POLICY:?}"
: "${TRAFFICWATCH_INFLUX_USER:?}"
: "${TRAFFICWATCH_INFLUX_PASSWORD:?set TRAFFICWATCH_INFLUX_PASSWORD in .env}"
: "${GRAFANA_INFLUX_USER:?}"
: "${GRAFANA_INFLUX_PASSWORD:?set GRAFANA_INFLUX_PASSWORD in .env}"

echo "trafficwatch: mapping InfluxQL ${INFLUXDB_V1_DATABASE}/${INFLUXDB_V1_RETENTION_POLICY} to bucket ${DOCKER_INFLUXDB_INIT_BUCKET}"
influx v1 dbrp create \
  --org "${DOCKER_INFLUXDB_INIT_ORG}" \
  --bucket-id "${DOCKER_INFLUXDB_INIT_BUCKET_ID}" \
  --db "${INFLUXDB_V1_DATABASE}" \
  --rp "${INFLUXDB_V1_RETENTION_POLICY}" \
  --default

echo "trafficwatch: creating write-only v1 user ${TRAFFICWATCH_INFLUX_USER}"
influx v1 auth create \
  --org "${DOCKER_INFLUXDB_INIT_ORG}" \
  --username "${TRAFFICWATCH_INFLUX_USER}" \
  --password "${TRAFFICWATCH_INFLUX_PASSWORD}" \
  --write-bucket "${DOCKER_INFLUXDB_INIT_BUCKET_ID}" \
  --description "TrafficWatch sensor (write only)"

echo "trafficwatch: creating read-only v1 user ${GRAFANA_INFLUX_USER}"
influx v1 auth create \
  --org "${DOCKER_INFLUXDB_INIT_ORG}" \
  --username "${GRAFANA_INFLUX_USER}" \
  --password "${GRAFANA_INFLUX_PASSWORD}" \
  --read-bucket "${DOCKER_INFLUXDB_INIT_BUCKET_ID}" \
  --description "Grafana (read only)"
