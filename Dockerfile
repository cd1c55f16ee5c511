# syntax=docker/dockerfile:1
# One image for the server, the worker and the one-shot `setup` (migrate + seed an empty
# database); docker-compose.yml picks the command. Node 20 is the floor (DESIGN §1).

# 1. Only the package manifests, so `npm ci` reruns when dependencies change, not on every edit.
FROM node:20-bookworm-slim AS manifests
WORKDIR /src
COPY . .
RUN mkdir /manifests \
  && find . -name node_modules -prune -o \( -name package.json -o -name package-lock.json -o -name .npmrc \) -print \
  | xargs cp --parents -t /manifests

# 2. Install and build every workspace (turbo: shared packages first, then the apps and fronts).
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV TURBO_TELEMETRY_DISABLED=1
COPY --from=manifests /manifests ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx turbo run build --output-logs=errors-only

# 3. Runtime. The workspace packages are TypeScript consumed from source, so `setup` runs
#    scripts/db.ts with tsx (a dev dependency): the image keeps the full install.
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=node:node /app /app
USER node
EXPOSE 3000
CMD ["node", "apps/server/dist/main.js"]
