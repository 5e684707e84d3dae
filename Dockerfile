# syntax=docker/dockerfile:1
# The Goal Rituals image. The build stage compiles the TypeScript with the dev dependencies; the runtime
# stage installs the production dependencies only, adds the compiled dist/ and the files the bot reads at
# run time, and runs `node dist/main.js` as the unprivileged `node` user. Build: `docker build -t
# goal-rituals .`; run: see the README's "Container" section. test/integration/app/production-install.test.ts
# performs the runtime stage's steps (same files, same install, same command): keep the two in step.

ARG NODE_VERSION=20

FROM node:${NODE_VERSION}-bookworm-slim AS build
# better-sqlite3 compiles itself when no prebuilt binary matches the platform.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
RUN npm run build

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
# The compiler toolchain is there only for this step (see the build stage), then removed in the same layer.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && npm ci --omit=dev --no-audit --no-fund \
 && npm cache clean --force \
 && apt-get purge -y --auto-remove python3 make g++ \
 && rm -rf /var/lib/apt/lists/* /tmp/*
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY scripts/start.mjs ./scripts/start.mjs
COPY migrations ./migrations
COPY examples ./examples
# The SQLite files (DATABASE_URL and SANDBOX_DATABASE_URL default to ./data/): a volume owned by `node`.
RUN mkdir -p /app/data && chown node:node /app/data
VOLUME /app/data
USER node
ENV PORT=3000
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The bot stops cleanly on SIGTERM within 10 s (docker stop's default grace period). Exec form: node is
# PID 1 and gets the signal itself; `docker run --init` adds an init that also reaps stray children.
STOPSIGNAL SIGTERM
CMD ["node", "dist/main.js"]
