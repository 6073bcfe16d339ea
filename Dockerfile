# Tianping node image. Two stages: the first installs every dependency and compiles TypeScript, the
# second carries only the compiled code and the runtime dependencies, and runs as the unprivileged
# "node" user with all state in the /data volume.
#
#   docker build -t tianping .
#   docker run -p 8080:8080 -v tianping-data:/data tianping                       # dev chain
#   docker run -p 8080:8080 -v tianping-data:/data tianping start --config /data/config.json

FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Without scripts, so that this layer stays cached while the sources change: the project's prepare
# script generates code from proto/ and src/, which are not here yet.
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY proto ./proto
COPY src ./src
# rebuild runs the dependencies' install scripts skipped above; prebuild generates the protobuf
# module and the page's scripts (scripts/generate.mjs) before tsc. prune needs no scripts: the
# generator's tools go with the dev dependencies.
RUN npm rebuild && npm run build && npm prune --omit=dev --ignore-scripts

FROM node:24-slim
# jemalloc: glibc's main arena keeps the high-water mark of the small buffers a node frees in
# bursts, so RSS steps up at every stall and never comes back; jemalloc returns freed pages
# (docs/configuration.md, "Memory"). Linked at one path whatever the architecture.
RUN apt-get update && apt-get install -y --no-install-recommends libjemalloc2 && rm -rf /var/lib/apt/lists/* \
    && ln -s "$(find /usr/lib -name libjemalloc.so.2 | head -n 1)" /usr/local/lib/libjemalloc.so.2
# The glibc settings stay for a run without the preload: 2 arenas, fixed 128 KiB thresholds.
ENV NODE_ENV=production \
    TIANPING_DATA_DIR=/data \
    TIANPING_API_HOST=0.0.0.0 \
    LD_PRELOAD=/usr/local/lib/libjemalloc.so.2 \
    MALLOC_CONF=background_thread:true,narenas:2 \
    MALLOC_ARENA_MAX=2 \
    MALLOC_MMAP_THRESHOLD_=131072 \
    MALLOC_TRIM_THRESHOLD_=131072
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY config/example.json ./config/example.json
# Created here so that a new named volume starts out owned by the user that writes to it.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
# node runs as PID 1 and handles SIGTERM itself: `docker stop` closes the ledger cleanly.
ENTRYPOINT ["node", "dist/cli/main.js"]
CMD ["start", "--dev"]
