# Hearth server image: built in one stage, run from a slim one with production dependencies only.
#   docker build -t hearth .
#   docker run -e DATABASE_URL=... -e HEARTH_MASTER_KEY=... -p 3000:3000 hearth

# --- build: every workspace, compiled (schema, core, sync-server) and bundled (client) ---------
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY schema/package.json schema/
COPY core/package.json core/
COPY sync-server/package.json sync-server/
COPY client/package.json client/
COPY e2e/package.json e2e/
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json tsconfig.json ./
COPY schema schema
COPY core core
COPY sync-server sync-server
COPY client client
RUN npm run build

# --- deps: the server's runtime dependencies (and its workspace packages, linked) --------------
FROM node:22-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY schema/package.json schema/
COPY core/package.json core/
COPY sync-server/package.json sync-server/
COPY client/package.json client/
COPY e2e/package.json e2e/
RUN npm ci --omit=dev --workspace=sync-server --no-audit --no-fund

# --- runtime ------------------------------------------------------------------------------------
FROM node:22-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    HEARTH_DATA_DIR=/data
WORKDIR /app
COPY --from=deps /app/node_modules node_modules
COPY package.json ./
COPY --from=build /app/schema/package.json schema/
COPY --from=build /app/schema/dist schema/dist
COPY --from=build /app/core/package.json core/
COPY --from=build /app/core/dist core/dist
COPY --from=build /app/sync-server/package.json sync-server/
COPY --from=build /app/sync-server/dist sync-server/dist
# Migrations are read from src/db/migrations next to dist/ (see sync-server/src/db/migrate.ts).
COPY --from=build /app/sync-server/src/db/migrations sync-server/src/db/migrations
# The PWA, served by the server from client/dist.
COPY --from=build /app/client/dist client/dist
# Only used by the embedded database (no DATABASE_URL); owned by the unprivileged user.
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Node is PID 1 and handles SIGTERM itself: graceful shutdown within 8 s.
CMD ["node", "sync-server/dist/server.js"]
