# A worker service; `--steps ingest` (etc.) makes it a service for one step. Build from the repository root:
#   docker build -f deploy/worker.Dockerfile -t orchestrated-worker .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Orchestrated.Worker -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
ENV Urls=http://0.0.0.0:8081 \
    DOTNET_ENVIRONMENT=Production
EXPOSE 8081
USER app
HEALTHCHECK --interval=10s --timeout=3s --retries=6 CMD curl -fsS http://127.0.0.1:8081/health/ready || exit 1
ENTRYPOINT ["dotnet", "orchestrated-worker.dll"]
