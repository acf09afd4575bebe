"""The pure domain core: plain data in, plain data out, no Django import anywhere below."""
