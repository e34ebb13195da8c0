# The public API of one crate, one item a line, from rustdoc's JSON
# (`cargo rustdoc -- -Z unstable-options --output-format json`). Read by
# .ci/public-api; hand-written in jq because cargo-public-api needs a nightly
# toolchain, and this needs only the stable one with RUSTC_BOOTSTRAP=1.
def ty:
  if type != "object" then tostring
  elif .primitive then .primitive
  elif .generic then .generic
  elif .borrowed_ref then "&" + (if .borrowed_ref.is_mutable then "mut " else "" end) + (.borrowed_ref.type | ty)
  elif .resolved_path then (.resolved_path.path | split("::") | last) + (
      if (.resolved_path.args.angle_bracketed.args // []) | length > 0
      then "<" + ([.resolved_path.args.angle_bracketed.args[] | if .type then (.type | ty) elif .lifetime then .lifetime else tojson end] | join(", ")) + ">"
      else "" end)
  elif .slice then "[" + (.slice | ty) + "]"
  elif .array then "[" + (.array.type | ty) + "; " + .array.len + "]"
  elif .tuple then "(" + ([.tuple[] | ty] | join(", ")) + ")"
  elif .impl_trait then "impl " + ([.impl_trait[] | .trait_bound.trait.path // tojson] | join(" + "))
  elif .qualified_path then (.qualified_path.self_type | ty) + "::" + .qualified_path.name
  else tojson end;
def sig: "(" + ([.inputs[] | .[0] + ": " + (.[1] | ty)] | join(", ")) + ")" + (if .output then " -> " + (.output | ty) else "" end);
def generics: ([.params[]? | .name] | if length > 0 then "<" + join(", ") + ">" else "" end);
.index as $index
| .paths as $paths
| [
    # Every named item: modules, types, functions, constants, macros.
    ($paths | to_entries[] | select(.value.crate_id == 0) | .key as $id
      | ($index[$id] // null) as $item
      | select($item != null and ($item.visibility == "public" or .value.kind == "variant"))
      | .value.kind + " " + (.value.path | join("::"))
        + (if .value.kind == "function" then ($item.inner.function.generics | generics) + ($item.inner.function.sig | sig) else "" end)),
    # Public fields of structs.
    ($paths | to_entries[] | select(.value.crate_id == 0 and .value.kind == "struct") | .value.path as $path
      | $index[.key].inner.struct.kind.plain.fields[]? | $index[tostring] | select(.visibility == "public")
      | "field " + ($path | join("::")) + "::" + .name + ": " + (.inner.struct_field | ty)),
    # Inherent methods and implemented traits of the crate's types.
    ($paths | to_entries[] | select(.value.crate_id == 0 and (.value.kind == "struct" or .value.kind == "enum")) | .value.path as $path
      | ($index[.key].inner.struct.impls // $index[.key].inner.enum.impls // [])[] | $index[tostring]
      | select(.inner.impl.is_synthetic == false and .inner.impl.blanket_impl == null)
      | if .inner.impl.trait == null
        then (.inner.impl.items[] | $index[tostring] | select(.visibility == "public" and .inner.function != null)
              | "method " + ($path | join("::")) + "::" + .name + (.inner.function.generics | generics) + (.inner.function.sig | sig))
        else "impl " + (.inner.impl.trait.path | split("::") | last) + " for " + ($path | join("::")) end),
    # Re-exports (a facade is mostly these).
    ($index[] | select(.crate_id == 0 and .visibility == "public" and .inner.use != null)
      | "use " + .inner.use.source + (if .inner.use.is_glob then "::*" elif (.inner.use.source | split("::") | last) != .inner.use.name then " as " + .inner.use.name else "" end))
  ]
| unique[]
