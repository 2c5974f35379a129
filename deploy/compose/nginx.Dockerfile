# A stand-in for the nginx image where no registry is reachable: Debian's nginx.
ARG BASE_IMAGE=registry-compose-base:bookworm
FROM ${BASE_IMAGE}
EXPOSE 80
CMD ["nginx", "-g", "daemon off;"]
