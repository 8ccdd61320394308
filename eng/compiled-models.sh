#!/usr/bin/env bash
# Regenerates the compiled EF Core models (ADR 0026), one per engine, after any change to the model (an entity, a
# property, a configuration class). CompiledModelTests fails until this has run. Usage: eng/compiled-models.sh
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
rm -rf src/Tandem.Web/Platform/Data/CompiledModels # the app falls back to building the model while they are missing
dotnet build src/Tandem.Web -nologo -v quiet
for engine in Sqlite Postgres; do
  folder="src/Tandem.Web/Platform/Data/CompiledModels/$engine"
  (cd src/Tandem.Web && dotnet ef dbcontext optimize --no-build -c TandemDb -o "Platform/Data/CompiledModels/$engine" \
      -n "Tandem.Web.Platform.Data.CompiledModels.$engine" -- "${engine,,}" >/dev/null)
  # The app names the model of its engine itself (DatabaseSettings.CompiledModel); an assembly attribute would make EF
  # Core pick one model for both engines, and make the tools and the test build from a compiled model.
  rm "$folder/TandemDbAssemblyAttributes.cs"
  sed -i '/^\s*\[DbContext(typeof(TandemDb))\]$/d' "$folder/TandemDbModel.cs"
  echo "$folder: $(ls "$folder" | wc -l) files"
done
