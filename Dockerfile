# syntax=docker/dockerfile:1
# Multi-stage build: the SDK image builds, a small runtime image with libpcap runs as a non-root
# user. Capturing needs only NET_RAW/NET_ADMIN (granted in docker-compose.yml), not root.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/TrafficWatch.Cli -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/runtime:10.0 AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpcap0.8 libcap2-bin \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /var/lib/trafficwatch --create-home trafficwatch
COPY --from=build /app /app
# File capabilities let the non-root user open the SPAN interface.
RUN setcap cap_net_raw,cap_net_admin=eip /usr/share/dotnet/dotnet || true
USER trafficwatch
WORKDIR /var/lib/trafficwatch
ENTRYPOINT ["dotnet", "/app/trafficwatch.dll"]
CMD ["capture", "--interface", "eth0", "--eve", "/var/lib/trafficwatch/eve/eve.json"]
