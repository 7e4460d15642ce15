# The workflow server (scheduler, API, designer UI). Build from the repository root:
#   docker build -f deploy/server.Dockerfile -t orchestrated-server .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Orchestrated.Server -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
COPY workflows /app/workflows
ENV Urls=http://0.0.0.0:8080 \
    Orchestrated__Scheduler__WorkflowsFolder=/app/workflows \
    DOTNET_ENVIRONMENT=Production
EXPOSE 8080
USER app
HEALTHCHECK --interval=10s --timeout=3s --retries=6 CMD curl -fsS http://127.0.0.1:8080/health/ready || exit 1
ENTRYPOINT ["dotnet", "orchestrated-server.dll"]
