# syntax=docker/dockerfile:1
# The API as a container: bundled in a build stage (npm run build: scripts/build.ts), with the database built from
# data/ at image build by the bundle's own code, so that the server finds it current at start;
# the runtime stage holds production dependencies only and runs as a non-root user.
# Node.js 26 is the Active LTS line since October 2026; better-sqlite3 12 supports it. .ci/run reads the major from
# the FROM lines and runs the test suite and these steps (npm run test:dockerfile) under it, from the npm registry.

FROM node:26-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary can be fetched.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts/build.ts ./scripts/
COPY src ./src
COPY migrations ./migrations
COPY data ./data
RUN npm run build \
 && node dist/cli/build-database.js \
 && npm prune --omit=dev

FROM node:26-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/migrations ./migrations
COPY --from=build /app/data ./data
COPY --from=build --chown=node:node /app/var ./var
USER node
EXPOSE 3000
# No --start-period: dockerfilelint 1.8 rejects the option (its pattern stops at the hyphen); the first check
# comes 30 s after start anyway, and the server listens within a second.
HEALTHCHECK --interval=30s --timeout=3s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The Node.js flags of `npm start` (package.json; why: scripts/node-flags.ts).
CMD ["node", "--min-semi-space-size=16", "dist/server.js"]
