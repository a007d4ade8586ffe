# Hoppatee as a container image: `docker build -t hoppatee .`, or `docker compose up --build` with
# compose.yaml (PostgreSQL and a mail catcher beside it). README: "Operating Hoppatee".
#
# Debian, not Alpine: fs-native-extensions (the data-dir lock) and @node-rs/argon2 ship glibc builds.
# The Node version is the project's (devDependencies.node in package.json; a unit test holds them equal).
ARG NODE_VERSION=24.21.0

# ── build: every dependency, then the web build with the stamp `npm start` checks ───────────────
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# Builds into build/ as `npm start` would and writes its source stamp, so the image never builds at start.
RUN node web/start.ts --build

# ── runtime dependencies only ──────────────────────────────────────────────────────────────────
FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# ── the image ──────────────────────────────────────────────────────────────────────────────────
FROM node:${NODE_VERSION}-bookworm-slim
# The same /app as the build stage: the server build imports api/, db/ and templates/ by absolute path.
WORKDIR /app
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    DATA_DIR=/data
COPY --from=deps /app/node_modules ./node_modules
# The sources as built (Node 24 runs the .ts files; the stamp matches them) and the build itself.
COPY . .
COPY --from=build /app/build ./build
# The embedded database (without DATABASE_URL) lives in /data: mount a volume there.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
# Non-root: the node user (uid 1000) of the base image owns only /data.
USER node
EXPOSE 3000
# Liveness (/api/health): the process answers. Load balancers should ask /api/ready.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node itself, not npm, as PID 1: SIGTERM reaches the app, which drains requests and closes the database.
CMD ["node", "web/start.ts"]
