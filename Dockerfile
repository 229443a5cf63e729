# syntax=docker/dockerfile:1
# TrafficWatch sensor image. Multi-stage: the SDK image builds a self-contained linux-x64 publish; the runtime
# image has only the native dependencies (libpcap) and runs as a non-root user. Capturing needs NET_RAW (and
# NET_ADMIN for promiscuous mode): docker-compose.yml drops every other capability, and the program file carries
# exactly those two as file capabilities, so the non-root user gets them on exec and nothing else.
#   docker build -t trafficwatch:local .
#   docker run --rm trafficwatch:local --help

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first (cached while only sources change).
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/TrafficWatch/TrafficWatch.csproj src/TrafficWatch/
COPY src/TrafficWatch.Cli/TrafficWatch.Cli.csproj src/TrafficWatch.Cli/
RUN dotnet restore src/TrafficWatch.Cli/TrafficWatch.Cli.csproj -r linux-x64 -p:SelfContained=true
COPY src/ src/
COPY signatures/ signatures/
RUN dotnet publish src/TrafficWatch.Cli/TrafficWatch.Cli.csproj -c Release -r linux-x64 --self-contained \
      --nologo -o /app

FROM mcr.microsoft.com/dotnet/runtime-deps:10.0 AS runtime
COPY --from=build /app /app
# libpcap for live capture (Debian/Ubuntu name it libpcap0.8t64 since the 64-bit time_t transition);
# libcap2-bin only long enough to set the file capabilities, then removed.
RUN set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends libcap2-bin; \
    apt-get install -y --no-install-recommends libpcap0.8t64 || apt-get install -y --no-install-recommends libpcap0.8; \
    setcap cap_net_raw,cap_net_admin=eip /app/trafficwatch; \
    apt-get purge -y --auto-remove libcap2-bin; \
    rm -rf /var/lib/apt/lists/*; \
    useradd --system --uid 10001 --user-group --home-dir /var/lib/trafficwatch --no-create-home trafficwatch; \
    mkdir -p /var/lib/trafficwatch/eve /var/lib/trafficwatch/spool /usr/share/GeoIP; \
    chown -R trafficwatch:trafficwatch /var/lib/trafficwatch
USER trafficwatch
WORKDIR /var/lib/trafficwatch
ENV DOTNET_EnableDiagnostics=0
ENTRYPOINT ["/app/trafficwatch"]
CMD ["capture", "--interface", "eth1", "--eve", "/var/lib/trafficwatch/eve/eve.json"]
